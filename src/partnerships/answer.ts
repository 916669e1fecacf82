import { accept, applyChange, orThrow } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import type { ActionInput, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import type { Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { answererKey, ownsMailbox, unprovenAddress } from '../org/mailbox.js';
import { providerAdminOf, recordInvitation, sendNewLink } from './invite.js';
import { partnershipId, resellerOfEmail, type Partnership, type PartnershipInvitation, type PartnershipStore } from './store.js';
import { isoDate } from '../shared/dates.js';
import { decideInvitation, evolveInvitation, PARTNERSHIP_AUDIT, type InvitationCommand } from './states.js';

/**
 * Routes `partnership.authorize.<id>` (the consent form), `partnership.decline` and `partnership.resend`, from
 * chat or from the invitation link's page (`viaLink`: the address the link was sent to, proven by holding it).
 */
export async function answerInvitation(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  input: ActionInput,
  viaLink?: string,
): Promise<Reply[]> {
  const id = input.kind === 'form' ? input.formId : input.actionId;
  if (input.kind === 'form' && id.startsWith('partnership.authorize.')) {
    const invitationId = id.slice('partnership.authorize.'.length);
    return authorize(services, models, ctx, invitationId, input.values.consent === 'true', input, viaLink);
  }
  if (input.kind === 'action' && id === 'partnership.decline') return decline(services, models, ctx, input.value, input, viaLink);
  if (input.kind === 'action' && id === 'partnership.resend') return resend(services, models, ctx, input.value);
  throw new AppError('ACTION.STALE');
}

interface Loaded {
  invitation: PartnershipInvitation;
  provider: Organization;
  reseller?: Organization;
  actorAdminOf?: string;
  /** The invited address, when the actor's profile names it but they have not proven it. */
  unproven?: string;
}

async function load(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  invitationId: string,
  viaLink?: string,
): Promise<Loaded> {
  const invitation = await models.invitation(invitationId);
  const provider = invitation && (await services.organizations.get(invitation.providerOrgId));
  if (!invitation || !provider) throw new AppError('INVITATION.UNKNOWN');
  // The invited organization is fixed when it was known at sending time; otherwise it is the invitee's reseller now.
  const reseller = invitation.resellerOrgId
    ? ((await services.organizations.get(invitation.resellerOrgId)) ?? undefined)
    : await resellerOfEmail(services, invitation.inviteeEmail);
  const access = await orgOf(services, ctx.actor, 'reseller');
  const unproven = await unprovenAddress(services, ctx.actor, invitation.inviteeEmail, viaLink);
  if (access && isAdmin(access.membership.roles)) return { invitation, provider, reseller, actorAdminOf: access.org._id, unproven };
  // The link's holder reads the invited address: they act as the admin that address is in the invited organization.
  const linkAdmin = viaLink === invitation.inviteeEmail && reseller && (await adminByEmail(services, reseller._id, viaLink));
  return { invitation, provider, reseller, actorAdminOf: linkAdmin ? reseller._id : undefined, unproven };
}

async function adminByEmail(services: CoreServices, orgId: string, email: string): Promise<boolean> {
  return (await services.organizations.membershipsByEmail(email)).some((m) => m.orgId === orgId && isAdmin(m.roles));
}

const facts = (loaded: Loaded) => ({ expiresAt: loaded.invitation.expiresAt, providerCountry: loaded.provider.country });

/** Replaces the pressed message (no stale buttons) when the platform says which one it was. */
function answerReply(input: ActionInput, message: string): Reply {
  const body = { blocks: [text(message)] };
  return input.messageId ? { type: 'update', messageId: input.messageId, message: body } : { type: 'post', message: body };
}

/** One answer per invitation: authorizing and declining take the same claim. */
const answeredKey = (invitationId: string) => `invitation:${invitationId}:answered`;

async function authorize(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  invitationId: string,
  consent: boolean,
  input: ActionInput,
  viaLink?: string,
): Promise<Reply[]> {
  const loaded = await load(services, models, ctx, invitationId, viaLink);
  const { invitation, provider, reseller } = loaded;
  const by = answererKey(ctx.actor, viaLink);
  const command: InvitationCommand = {
    type: 'authorize',
    by,
    at: ctx.now,
    consent,
    invitedReseller: reseller && { orgId: reseller._id, country: reseller.country },
    actorAdminOf: loaded.actorAdminOf,
    unproven: loaded.unproven,
  };
  const decision = decideInvitation(command, invitation.state, facts(loaded));
  if (!decision.ok && decision.refusal.code === 'PARTNERSHIP.CONSENT_REQUIRED' && input.kind === 'form') {
    return [{ type: 'form-errors', formId: input.formId, errors: { consent: ctx.t('error.PARTNERSHIP.CONSENT_REQUIRED') } }];
  }
  const event = orThrow(decision);
  if (event.type !== 'authorized' || !reseller) throw new AppError('ACTION.STALE');
  const partnership: Partnership = {
    _id: partnershipId(provider._id, reseller._id),
    providerOrgId: provider._id,
    resellerOrgId: reseller._id,
    invitationId: invitation._id,
    inviteeEmail: invitation.inviteeEmail,
    inviterActorKey: invitation.inviterActorKey,
    state: { status: 'active', since: ctx.now },
  };
  await applyChange(services.claims, {
    decision: accept(event),
    claim: answeredKey(invitation._id),
    lost: 'INVITATION.ANSWERED_CONCURRENTLY',
    evolve: (event) => evolveInvitation(invitation.state, event),
    async write(state) {
      await models.updateInvitation(invitation._id, { state, resellerOrgId: reseller._id });
      await models.putPartnership(partnership);
    },
    record: (state) =>
      recordInvitation(services, ctx, { ...invitation, resellerOrgId: reseller._id, state }, PARTNERSHIP_AUDIT.authorized, {
        partnershipId: partnership._id,
        answeredBy: by,
      }),
    notify: () => tellInviter(services, invitation, 'partnership.notify.authorized', reseller.legalName),
  });
  return [answerReply(input, ctx.t('partnership.authorized', { provider: provider.legalName }))];
}

async function decline(
  services: CoreServices,
  models: PartnershipStore,
  ctx: TurnContext,
  invitationId: string,
  input: ActionInput,
  viaLink?: string,
) {
  const loaded = await load(services, models, ctx, invitationId, viaLink);
  const { invitation, provider, reseller } = loaded;
  const by = answererKey(ctx.actor, viaLink);
  const decision = decideInvitation(
    {
      type: 'decline',
      by,
      at: ctx.now,
      invitedReseller: reseller && { orgId: reseller._id, country: reseller.country },
      actorAdminOf: loaded.actorAdminOf,
      actorIsInvitee: await ownsMailbox(services, ctx.actor, invitation.inviteeEmail, viaLink),
      unproven: loaded.unproven,
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
    record: (state) => recordInvitation(services, ctx, { ...invitation, state }, PARTNERSHIP_AUDIT.declined, { answeredBy: by }),
    notify: () => tellInviter(services, invitation, 'partnership.notify.declined', reseller?.legalName ?? invitation.inviteeEmail),
  });
  return [answerReply(input, ctx.t('partnership.declined', { provider: provider.legalName }))];
}

/** "Resend the invitation": a new link (the old one answers 410). */
async function resend(services: CoreServices, models: PartnershipStore, ctx: TurnContext, invitationId: string): Promise<Reply[]> {
  const { invitation, provider } = await load(services, models, ctx, invitationId);
  const admin = await providerAdminOf(services, ctx);
  await sendNewLink(services, models, ctx, invitation, provider, admin?._id === provider._id);
  return [post(text(ctx.t('partnership.resent', { email: invitation.inviteeEmail, expires: isoDate(invitation.expiresAt) })))];
}

/** The provider's person who sent the invitation learns the answer. */
async function tellInviter(services: CoreServices, invitation: PartnershipInvitation, key: string, reseller: string) {
  await services.notifier.notify({ actorKey: invitation.inviterActorKey }, (locale) => ({
    message: { blocks: [text(services.translatorFor(locale)(key, { reseller }))] },
  }));
}
