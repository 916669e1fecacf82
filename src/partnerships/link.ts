import type { Locale } from '../core/events.js';
import type { LinkStatus } from '../core/module.js';
import { text, type Block } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Translate } from '../i18n/translator.js';
import { invitationBlocks } from './invitation-view.js';
import type { PartnershipStore } from './store.js';
import { closedInvitation } from './states.js';

/** What a link leads to: its status, and its page in the reader's language (found once, shown or not). */
export interface LinkPage {
  status: LinkStatus;
  show(t: Translate, locale: Locale): Block[];
}

/**
 * The landing page of a reseller invitation link (`/invitations/<token>`): the consent form while it is open,
 * 410 with the reason once answered, lapsed or replaced by a resend; undefined when the token is not one of ours.
 */
export async function findPartnershipLink(
  services: Pick<CoreServices, 'organizations'>,
  models: PartnershipStore,
  tokenHash: string,
  now: Date,
): Promise<LinkPage | undefined> {
  const current = await models.invitationByToken(tokenHash);
  const replaced = current ? undefined : await models.invitationReplacing(tokenHash);
  if (replaced) return { status: 410, show: (t) => [text(t('partnership.link.replaced'))] };
  if (!current) return undefined;
  const provider = await services.organizations.get(current.providerOrgId);
  if (!provider) return undefined;
  const closed = closedInvitation(current.state, { expiresAt: current.expiresAt, providerCountry: provider.country }, now);
  if (closed && !closed.ok) return { status: 410, show: (t) => [text(t(`error.${closed.refusal.code}`, closed.refusal.params))] };
  return { status: 200, show: (t, locale) => invitationBlocks(t, locale, current, provider) };
}
