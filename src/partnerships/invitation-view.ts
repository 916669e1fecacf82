import type { Locale } from '../core/events.js';
import { text, type Block, type Button } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Organization } from '../org/organizations.js';
import { providerCard } from '../providers/provider-view.js';
import { type PartnershipInvitation } from './store.js';
import { isoDate } from '../shared/dates.js';

export const invitationLink = (publicUrl: string, token: string): string => `${publicUrl}/invitations/${token}`;

/**
 * What the invited reseller sees (link page and chat message): who invites them, what they would grant
 * (seed: submit orders and add subscriptions on behalf of your customers; administrator access to your
 * tenant), the consent checkbox, **Authorize indirect provider** and **Decline**.
 */
export function invitationBlocks(t: Translate, locale: Locale, invitation: PartnershipInvitation, provider: Organization): Block[] {
  const name = provider.legalName;
  const blocks: Block[] = [
    text(t('partnership.invite.headline', { provider: name, inviter: invitation.inviterName, email: invitation.inviteeEmail })),
  ];
  if (invitation.message)
    blocks.push(text(t('partnership.invite.message', { inviter: invitation.inviterName, message: invitation.message })));
  blocks.push(
    providerCard(t, locale, provider),
    text(t('partnership.consent.text', { provider: name, expires: isoDate(invitation.expiresAt) })),
    {
      type: 'form',
      formId: `partnership.authorize.${invitation._id}`,
      title: t('partnership.consent.title', { provider: name }),
      fields: [
        {
          id: 'consent',
          kind: 'checkbox',
          label: t('partnership.consent.label'),
          hint: t('partnership.consent.checkbox', { provider: name }),
          required: true,
          value: 'false',
        },
      ],
      submitLabel: t('partnership.button.authorize'),
      buttons: [declineButton(t, invitation._id, name)],
    },
  );
  return blocks;
}

function declineButton(t: Translate, invitationId: string, provider: string): Button {
  return {
    label: t('partnership.button.decline'),
    actionId: 'partnership.decline',
    value: invitationId,
    style: 'danger',
    confirm: {
      title: t('partnership.decline.confirmTitle'),
      text: t('partnership.decline.confirmText', { provider }),
      confirm: t('partnership.button.decline'),
      deny: t('partnership.button.keep'),
    },
  };
}
