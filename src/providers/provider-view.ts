import type { Locale } from '../core/events.js';
import type { SummaryBlock } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Organization } from '../org/organizations.js';
import { countryName } from '../shared/country.js';

/** A provider's directory card: country, PartnerID and the services it offers. */
export function providerCard(t: Translate, locale: Locale, org: Organization): SummaryBlock {
  const services = (org.services ?? []).map((service) => t(`provider.service.${service}`)).join(locale === 'zh-TW' ? '、' : ', ');
  return {
    type: 'summary',
    title: org.legalName,
    fields: [
      { label: t('provider.field.country'), value: countryName(org.country, locale) },
      { label: t('provider.field.partnerId'), value: org.partnerId ?? '—' },
      { label: t('provider.field.services'), value: services || t('provider.noServices') },
    ],
  };
}
