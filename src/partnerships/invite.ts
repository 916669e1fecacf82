import { accept, applyChange, orThrow } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { CommandSpec, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken, newToken } from '../core/tokens.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { normalizeEmail } from '../shared/email.js';
import { invitationBlocks, invitationLink } from './invitation-view.js';
import { partnershipId, resellerOfEmail, type PartnershipInvitation, type PartnershipStore } from './store.js';
import { day, isoDate } from '../shared/dates.js';
import { renderMail } from '../shared/mail-layout.js';
import { decideInvitation, decideInvite, evolveInvitation, INVITATION_LIFETIME_DAYS, PARTNERSHIP_AUDIT } from './states.js';

/** `invite-reseller <email> [message]`: a provider admin asks a reseller to authorize them ("Request a partnership"). */
export function inviteResellerCommand(services: CoreServices, models: PartnershipStore): CommandSpec {
  return {
    name: 'invite-reseller',
    usage: 'invite-reseller <email> [message]',
    summaryKey: 'partnership.help.invite',
    available: async (ctx) => (await providerAdminOf(services, ctx)) !== undefined,
    async run(ctx, command) {
      const rawEmail = command.positional[0] ?? '';
      const message =
        command.rest
          .trim()
          .slice(rawEmail.length)
          .trim()
          .replace(/^["“']|["”']$/g, '') || undefined;
      return inviteReseller(services, models, ctx, rawEmail, message);
    },
  };
}

export async function providerAdminOf(services: CoreServices, ctx: TurnContext): Promise<Organization | undefined> {
  const access = await orgOf(services, ctx.actor, 'provider');
  return access && isAdmin(access.membership.roles) ? access.org : undefined;
}

async function inviteReseller(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  rawEmail: string,
  message: string | undefined,
): Promise<Reply[]> {
  const provider = await providerAdminOf(services, ctx);
  const email = normalizeEmail(rawEmail);
  const reseller = provider && email ? await resellerOfEmail(services, email) : undefined;
  const partnership = provider && reseller ? await models.partnership(partnershipId(provider._id, reseller._id)) : undefined;
  const previous = provider && email ? await models.invitationsTo(provider._id, email) : [];
  const pending = previous.find((inv) => inv.state.status === 'pending' && inv.expiresAt > ctx.now);
  const decision = decideInvite({
    provider: provider && { orgId: provider._id, country: provider.country },
    rawEmail,
    email,
    reseller: reseller && { orgId: reseller._id, country: reseller.country, legalName: reseller.legalName },
    alreadyPartners: partnership?.state.status === 'active',
    pendingInvitationId: pending?._id,
  });
  if (!decision.ok && decision.refusal.code === 'PARTNERSHIP.PENDING' && pending && provider) {
    // Its mail never went (the turn that wrote it failed or died first): the inviter sending it again, as they were
    // told to, gets it sent, with a new link since the first one's token was never stored.
    if (!pending.undelivered || pending.inviterActorKey !== actorKey(ctx.actor)) return [pendingReply(ctx, pending)];
    return [sentReply(ctx, pending, await sendNewLink(services, models, ctx, pending, provider, true))];
  }
  orThrow(decision);
  if (!provider || !email) throw new AppError('PROVIDER.NOT_ADMIN'); // already refused by decideInvite; narrows the types
  const { token, hash } = newToken();
  const invitation: PartnershipInvitation = {
    // Numbering the invitations to one address makes two simultaneous sends produce one invitation: the insert of
    // its id is the claim, so no claim can be left without its invitation.
    _id: invitationId(provider._id, email, previous.length),
    providerOrgId: provider._id,
    inviteeEmail: email,
    resellerOrgId: reseller?._id,
    message,
    inviterActorKey: actorKey(ctx.actor),
    inviterName: ctx.actor.displayName,
    tokenHash: hash,
    replacedTokenHashes: [],
    state: { status: 'pending', tokenGeneration: 1 },
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + INVITATION_LIFETIME_DAYS * day),
    undelivered: true,
  };
  if (!(await models.addInvitation(invitation))) throw new AppError('PARTNERSHIP.PENDING', undefined, { email });
  await recordInvitation(services, ctx, invitation, PARTNERSHIP_AUDIT.invited);
  return [sentReply(ctx, invitation, await deliverInvitation(services, models, invitation, provider, token))];
}

/** An invitation's id: the provider's `n`-th invitation to one address (hashed: ids travel in buttons and logs). */
function invitationId(providerOrgId: string, email: string, n: number): string {
  return `pinv_${hashToken(`${providerOrgId}\n${email}\n${n}`).slice(0, 16)}`;
}

/** The reply says how the invitee was reached. */
function sentReply(ctx: TurnContext, invitation: PartnershipInvitation, reached: { chat: boolean }): Reply {
  const how = ctx.t(reached.chat ? 'partnership.invite.sentChatAndEmail' : 'partnership.invite.sentEmail');
  return post(text(ctx.t('partnership.invite.sent', { email: invitation.inviteeEmail, how, expires: isoDate(invitation.expiresAt) })));
}

/**
 * A new link for a pending invitation, sent: a provider admin's "Resend", or the inviter's repeat of an invitation
 * whose mail never went. Only hashes are stored, so no link can be sent twice; the replaced one answers 410.
 */
export async function sendNewLink(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  invitation: PartnershipInvitation,
  provider: Organization,
  actorAdminOfProvider: boolean,
): Promise<{ chat: boolean; email: boolean }> {
  const event = orThrow(
    decideInvitation({ type: 'resend', by: actorKey(ctx.actor), at: ctx.now, actorAdminOfProvider }, invitation.state, {
      expiresAt: invitation.expiresAt,
      providerCountry: provider.country,
    }),
  );
  if (event.type !== 'resent') throw new AppError('ACTION.STALE');
  const { token, hash } = newToken();
  const replaced = { tokenHash: hash, replacedTokenHashes: [...invitation.replacedTokenHashes, invitation.tokenHash] };
  let reached = { chat: false, email: false };
  await applyChange(services.claims, {
    decision: accept(event),
    claim: `invitation:${invitation._id}:token:${event.tokenGeneration}`,
    lost: 'INVITATION.ANSWERED_CONCURRENTLY',
    evolve: (event) => evolveInvitation(invitation.state, event),
    write: (state) => models.updateInvitation(invitation._id, { state, ...replaced, undelivered: true }),
    record: (state) =>
      recordInvitation(services, ctx, { ...invitation, state, ...replaced }, PARTNERSHIP_AUDIT.resent, {
        tokenGeneration: event.tokenGeneration,
      }),
    notify: async (state) => {
      reached = await deliverInvitation(services, models, { ...invitation, state, ...replaced }, provider, token);
    },
  });
  return reached;
}

function pendingReply(ctx: TurnContext, pending: PartnershipInvitation): Reply {
  return post(text(ctx.t('error.PARTNERSHIP.PENDING', { email: pending.inviteeEmail })), {
    type: 'actions',
    buttons: [{ label: ctx.t('partnership.button.resend'), actionId: 'partnership.resend', value: pending._id, style: 'primary' }],
  });
}

export async function recordInvitation(
  services: CoreServices,
  ctx: TurnContext,
  invitation: PartnershipInvitation,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await services.audit.record({
    orgId: invitation.providerOrgId,
    relatedOrgIds: invitation.resellerOrgId ? [invitation.resellerOrgId] : [],
    actorKey: actorKey(ctx.actor),
    platform: ctx.actor.platform,
    action,
    subject: invitation._id,
    details: {
      invitationId: invitation._id,
      providerOrgId: invitation.providerOrgId,
      resellerOrgId: invitation.resellerOrgId ?? null,
      inviteeEmail: invitation.inviteeEmail,
      inviterActorKey: invitation.inviterActorKey,
      expiresAt: invitation.expiresAt,
      ...extra,
    },
    at: ctx.now,
  });
}

/** Email with the personal link, and a chat message with the consent form when the invitee is known. */
async function deliverInvitation(
  services: CoreServices,
  models: PartnershipStore,
  invitation: PartnershipInvitation,
  provider: Organization,
  token: string,
): Promise<{ chat: boolean; email: boolean }> {
  const link = invitationLink(services.publicUrl, token);
  const reached = await services.notifier.notify(
    { email: invitation.inviteeEmail },
    (locale) => {
      const t = services.translatorFor(locale);
      return {
        message: { blocks: [...invitationBlocks(t, locale, invitation, provider), text(t('partnership.invite.linkLine', { link }))] },
        mail: renderMail({
          tag: 'partnership.invitation',
          subject: t('partnership.mail.subject', { provider: provider.legalName }),
          paragraphs: [
            t('partnership.mail.body', {
              provider: provider.legalName,
              inviter: invitation.inviterName,
              expires: isoDate(invitation.expiresAt),
            }),
            ...(invitation.message
              ? [t('partnership.invite.message', { inviter: invitation.inviterName, message: invitation.message })]
              : []),
          ],
          link: { label: t('partnership.mail.open'), url: link },
        }),
      };
    },
    { alsoEmail: true },
  );
  // Sent, so the reply says so even if this mark is lost (a repeat of the command would then send a new link).
  await models
    .markDelivered(invitation._id, invitation.tokenHash)
    .catch((error: unknown) => services.logger.warn({ err: error, invitationId: invitation._id }, 'invitation sent, not marked as sent'));
  return reached;
}
