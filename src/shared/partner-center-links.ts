/**
 * The seed's own links (../shared/seed/seed-english.md), held in this one place: messages that say what to do
 * in Partner Center point there. The bot records and reminds; only Microsoft's Partner Center makes an
 * enrollment, a partnership or a customer relationship real.
 */
export const PARTNER_CENTER = {
  /** "Start the enrollment process from here". */
  enroll: 'https://partnercenter.microsoft.com/pcv/register/joinnow/enrollmentwelcome/valueaddedreseller',
  /** "search the list of official Microsoft providers". */
  findProvider: 'https://partnercenter.microsoft.com/en-us/partner/find-a-provider',
  /** "Explore the indirect model" on the Microsoft Partner Network site. */
  indirectModel: 'https://partner.microsoft.com/cloud-solution-provider/indirect',
  /** The seed's Next steps, on the site the seed page is published on. */
  accountSetup: 'https://learn.microsoft.com/partner-center/partner-center-account-setup',
  customerAccounts: 'https://learn.microsoft.com/partner-center/customer-accounts',
} as const;
