import { text, type Block } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Organization } from '../org/organizations.js';
import { day, isoDate } from '../shared/dates.js';
import type { CustomerRequest } from './store.js';

export interface RequestParties {
  reseller: Organization;
  provider?: Organization;
}

/** The draft email a reseller reviews (seed: "review the draft email message … be sure to include the link"). */
export function draftMail(
  t: Translate,
  request: CustomerRequest,
  parties: RequestParties,
  link: string,
): { subject: string; body: string } {
  const params = { reseller: parties.reseller.legalName, provider: parties.provider?.legalName ?? '', inviter: request.inviterName };
  const asks = parties.provider ? t('customer.mail.asksTwoTier', params) : t('customer.mail.asksReseller', params);
  const body = t('customer.mail.body', {
    ...params,
    asks,
    days: request.days,
    lapses: isoDate(request.expiresAt),
    link,
  });
  return { subject: t(parties.provider ? 'customer.mail.subjectTwoTier' : 'customer.mail.subject', params), body };
}

/**
 * What the reseller sees after `invite-customer`: the draft with its link, **Send it for me** (its value carries the
 * token sealed, so stored cards hold no working link) and **Done**.
 */
export function draftBlocks(t: Translate, request: CustomerRequest, parties: RequestParties, sealedToken: string, link: string): Block[] {
  const mail = draftMail(t, request, parties, link);
  return [
    text(t('customer.draft.intro', { email: request.inviteeEmail })),
    text(`*${mail.subject}*\n\n${mail.body}`),
    text(t('customer.draft.keepLink')),
    {
      type: 'actions',
      buttons: [
        { label: t('customer.button.send'), actionId: 'customer.send', value: `${request._id}:${sealedToken}`, style: 'primary' },
        { label: t('customer.button.done'), actionId: 'customer.done', value: request._id },
      ],
    },
  ];
}

/** What the customer's admin sees: which partner asks for what, for how long, and **Approve** / **Decline**. */
export function approvalBlocks(t: Translate, request: CustomerRequest, parties: RequestParties, now: Date): Block[] {
  const reseller = parties.reseller.legalName;
  const lines = [t('customer.approval.reseller', { reseller })];
  if (parties.provider) lines.push(t('customer.approval.provider', { provider: parties.provider.legalName }));
  const until = isoDate(new Date(now.getTime() + request.days * day));
  return [
    text(t('customer.approval.headline', { reseller, inviter: request.inviterName, email: request.inviteeEmail })),
    text(lines.join('\n')),
    text(t('customer.approval.duration', { days: request.days, until, lapses: isoDate(request.expiresAt) })),
    text(t('customer.approval.who')),
    {
      type: 'actions',
      buttons: [
        { label: t('customer.button.approve'), actionId: 'customer.approve', value: request._id, style: 'primary' },
        {
          label: t('customer.button.decline'),
          actionId: 'customer.decline',
          value: request._id,
          style: 'danger',
          confirm: {
            title: t('customer.decline.confirmTitle'),
            text: t('customer.decline.confirmText', { reseller }),
            confirm: t('customer.button.decline'),
            deny: t('partnership.button.keep'),
          },
        },
      ],
    },
  ];
}
