import { applyChange, orThrow } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { newToken } from '../core/tokens.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { deliverInvitation, providerAdminOf, recordInvitation } from './invite.js';
import { partnershipId, resellerOfEmail, type Partnership, type PartnershipInvitation, type PartnershipStore } from './store.js';
import { isoDate } from '../shared/dates.js';
import { decideInvitation, evolveInvitation, PARTNERSHIP_AUDIT, type InvitationCommand } from './states.js';

/** Routes `partnership.authorize.<id>` (the consent form), `partnership.decline` and `partnership.resend`. */
export async function answerInvitation(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  input: ActionInput,
): Promise<Reply[]> {
  const id = input.kind === 'form' ? input.formId : input.actionId;
  if (input.kind === 'form' && id.startsWith('partnership.authorize.')) {
    return authorize(services, models, ctx, id.slice('partnership.authorize.'.length), input.values.consent === 'true', input);
  }
  if (input.kind === 'action' && id === 'partnership.decline') return decline(services, models, ctx, input.value, input);
  if (input.kind === 'action' && id === 'partnership.resend') return resend(services, models, ctx, input.value);
  throw new AppError('ACTION.STALE');
}

interface Loaded {
  invitation: PartnershipInvitation;
  provider: Organization;
  reseller?: Organization;
  actorAdminOf?: string;
}

async function load(services: CoreServices, models: PartnershipStore, ctx: TurnContext, invitationId: string): Promise<Loaded> {
  const invitation = await models.invitation(invitationId);
  const provider = invitation && (await services.organizations.get(invitation.providerOrgId));
  if (!invitation || !provider) throw new AppError('INVITATION.UNKNOWN');
  // The invited organization is fixed when it was known at sending time; otherwise it is the invitee's reseller now.
  const reseller = invitation.resellerOrgId
    ? ((await services.organizations.get(invitation.resellerOrgId)) ?? undefined)
    : await resellerOfEmail(services, invitation.inviteeEmail);
  const access = await orgOf(services, ctx.actor, 'reseller');
  return { invitation, provider, reseller, actorAdminOf: access && isAdmin(access.membership.roles) ? access.org._id : undefined };
}

const facts = (loaded: Loaded) => ({ expiresAt: loaded.invitation.expiresAt, providerCountry: loaded.provider.country });

/** Replaces the pressed message (no stale buttons) when the platform says which one it was. */
function answerReply(input: ActionInput, message: string): Reply {
  const body = { blocks: [text(message)] };
  return input.messageId ? { type: 'update', messageId: input.messageId, message: body } : { type: 'post', message: body };
}

/** One answer per invitation: authorizing and declining take the same claim. */
const answeredKey = (invitationId: string) => `invitation:${invitationId}:answered`;

async function claimAnswer(services: CoreServices, invitationId: string): Promise<void> {
  if (!(await services.claims.claim(answeredKey(invitationId)))) throw new AppError('INVITATION.ANSWERED_CONCURRENTLY');
}

async function authorize(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  invitationId: string,
  consent: boolean,
  input: ActionInput,
): Promise<Reply[]> {
  const loaded = await load(services, models, ctx, invitationId);
  const { invitation, provider, reseller } = loaded;
  const command: InvitationCommand = {
    type: 'authorize',
    by: actorKey(ctx.actor),
    at: ctx.now,
    consent,
    invitedReseller: reseller && { orgId: reseller._id, country: reseller.country },
    actorAdminOf: loaded.actorAdminOf,
  };
  const decision = decideInvitation(command, invitation.state, facts(loaded));
  if (!decision.ok && decision.refusal.code === 'PARTNERSHIP.CONSENT_REQUIRED' && input.kind === 'form') {
    return [{ type: 'form-errors', formId: input.formId, errors: { consent: ctx.t('error.PARTNERSHIP.CONSENT_REQUIRED') } }];
  }
  const event = orThrow(decision);
  if (event.type !== 'authorized' || !reseller) throw new AppError('ACTION.STALE');
  await claimAnswer(services, invitation._id);

  const answered = { ...invitation, resellerOrgId: reseller._id, state: evolveInvitation(invitation.state, event) };
  await models.updateInvitation(invitation._id, { state: answered.state, resellerOrgId: reseller._id });
  const partnership: Partnership = {
    _id: partnershipId(provider._id, reseller._id),
    providerOrgId: provider._id,
    resellerOrgId: reseller._id,
    invitationId: invitation._id,
    inviteeEmail: invitation.inviteeEmail,
    inviterActorKey: invitation.inviterActorKey,
    state: { status: 'active', since: ctx.now },
  };
  await models.putPartnership(partnership);
  await recordInvitation(services, ctx, answered, PARTNERSHIP_AUDIT.authorized, {
    partnershipId: partnership._id,
    answeredBy: actorKey(ctx.actor),
  });
  await services.notifier.notify({ actorKey: invitation.inviterActorKey }, (locale) => ({
    message: { blocks: [text(services.translatorFor(locale)('partnership.notify.authorized', { reseller: reseller.legalName }))] },
  }));
  return [answerReply(input, ctx.t('partnership.authorized', { provider: provider.legalName }))];
}

async function decline(services: CoreServices, models: PartnershipStore, ctx: TurnContext, invitationId: string, input: ActionInput) {
  const loaded = await load(services, models, ctx, invitationId);
  const { invitation, provider, reseller } = loaded;
  const decision = decideInvitation(
    {
      type: 'decline',
      by: actorKey(ctx.actor),
      at: ctx.now,
      invitedReseller: reseller && { orgId: reseller._id, country: reseller.country },
      actorAdminOf: loaded.actorAdminOf,
      actorIsInvitee: ctx.actor.email?.toLowerCase() === invitation.inviteeEmail,
    },
    invitation.state,
    facts(loaded),
  );
  await applyChange(services.claims, {
    decision,
    claim: answeredKey(invitation._id),
    lost: 'INVITATION.ANSWERED_CONCURRENTLY',
    evolve: (event) => evolveInvitation(invitation.state, event),
    write: (state) => models.updateInvitation(invitation._id, { state }),
    record: (state) =>
      recordInvitation(services, ctx, { ...invitation, state }, PARTNERSHIP_AUDIT.declined, { answeredBy: actorKey(ctx.actor) }),
  });
  const who = reseller?.legalName ?? invitation.inviteeEmail;
  await services.notifier.notify({ actorKey: invitation.inviterActorKey }, (locale) => ({
    message: { blocks: [text(services.translatorFor(locale)('partnership.notify.declined', { reseller: who }))] },
  }));
  return [answerReply(input, ctx.t('partnership.declined', { provider: provider.legalName }))];
}

/** A new link for a pending invitation (only hashes are stored, so the old link cannot be re-sent; it answers 410). */
async function resend(services: CoreServices, models: PartnershipStore, ctx: TurnContext, invitationId: string): Promise<Reply[]> {
  const loaded = await load(services, models, ctx, invitationId);
  const { invitation, provider } = loaded;
  const admin = await providerAdminOf(services, ctx);
  const decision = decideInvitation(
    { type: 'resend', by: actorKey(ctx.actor), at: ctx.now, actorAdminOfProvider: admin?._id === provider._id },
    invitation.state,
    facts(loaded),
  );
  const event = orThrow(decision);
  if (event.type !== 'resent') throw new AppError('ACTION.STALE');
  if (!(await services.claims.claim(`invitation:${invitation._id}:token:${event.tokenGeneration}`))) {
    throw new AppError('INVITATION.ANSWERED_CONCURRENTLY');
  }
  const { token, hash } = newToken();
  const state = evolveInvitation(invitation.state, event);
  const replaced = [...invitation.replacedTokenHashes, invitation.tokenHash];
  await models.updateInvitation(invitation._id, { state, tokenHash: hash, replacedTokenHashes: replaced });
  const updated = { ...invitation, state, tokenHash: hash, replacedTokenHashes: replaced };
  await recordInvitation(services, ctx, updated, PARTNERSHIP_AUDIT.resent, { tokenGeneration: event.tokenGeneration });
  await deliverInvitation(services, updated, provider, token);
  return [post(text(ctx.t('partnership.resent', { email: invitation.inviteeEmail, expires: isoDate(invitation.expiresAt) })))];
}
