import type { Locale } from '../core/events.js';
import type { Block, SummaryBlock } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Organization } from '../org/organizations.js';
import { isoDate } from '../shared/dates.js';
import { countryName } from '../shared/country.js';
import type { CustomerRelationship } from './store.js';
import { isLive } from './states.js';

/** One line per relationship: who, what they may do, since when and until when (never "permanent"). */
export function relationshipLine(t: Translate, relationship: CustomerRelationship, partner: string, now: Date): string {
  const what = t(relationship.role === 'reseller' ? 'customer.role.reseller' : 'customer.role.provider');
  const { state } = relationship;
  const params = { partner, what, granted: isoDate(state.grantedAt), until: isoDate(state.expiresAt) };
  if (state.status === 'removed') return t('customer.relationship.removedLine', { ...params, removed: isoDate(state.at) });
  return t(isLive(state, now) ? 'customer.relationship.line' : 'customer.relationship.expiredLine', params);
}

/** A customer in a partner's `customers` list, with the button that expands it to its relationships. */
export function customerCard(
  t: Translate,
  locale: Locale,
  customer: Organization,
  relationships: CustomerRelationship[],
  extra?: string,
): Block[] {
  const until = relationships.map((r) => r.state.expiresAt.getTime()).reduce((a, b) => Math.max(a, b), 0);
  const card: SummaryBlock = {
    type: 'summary',
    title: customer.legalName,
    fields: [
      { label: t('provider.field.country'), value: countryName(customer.country, locale) },
      { label: t('customer.field.until'), value: isoDate(new Date(until)) },
    ],
  };
  if (extra) card.fields.push({ label: t('customer.field.reseller'), value: extra });
  return [card, { type: 'actions', buttons: [{ label: t('customer.button.expand'), actionId: 'customer.expand', value: customer._id, onlyShows: true }] }];
}

export const list = (blocks: Block[]) => [{ type: 'post' as const, message: { blocks } }];
