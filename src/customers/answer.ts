import { applyChange } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey, isLinkVisitor, type Locale } from '../core/events.js';
import { answererKey, ownsMailbox, unprovenAddress } from '../org/mailbox.js';
import type { Translate } from '../i18n/translator.js';
import type { ActionInput, TurnContext } from '../core/module.js';
import { text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf } from '../org/access.js';
import { membershipId, newOrgId, type Organization } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';
import { day, isoDate } from '../shared/dates.js';
import { notifyOrgAdmins } from '../org/notify-admins.js';
import type { CustomerStore, CustomerRelationship, CustomerRequest } from './store.js';
import { loadParties } from './parties.js';
import { recordRequest } from './record.js';
import { CUSTOMER_AUDIT, decideRequest, evolveRequest, type RequestCommand } from './states.js';

/**
 * **Approve** / **Decline** of a relationship request, from chat or from the personal link's page (`viaLink`:
 * the address the link was sent to, which its holder has thereby proven). Only the invited person (who proved
 * the invited mailbox) or an admin of the customer organization may answer; the answer is claimed
 * (`invitation:<id>:answered`) so approve and decline pressed at once change the request once, and the other
 * press is told.
 */
export async function answerRequest(
  services: CoreServices,
  store: CustomerStore,
  ctx: TurnContext,
  input: ActionInput,
  viaLink?: string,
): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('INVITATION.UNKNOWN');
  const request = await store.request(input.value);
  if (!request) throw new AppError('INVITATION.UNKNOWN');
  const parties = await loadParties(services, request);
  const isInvitee = await ownsMailbox(services, ctx.actor, request.inviteeEmail, viaLink);
  const customer = await customerOrgFor(services, ctx, request, isInvitee);
  const mayAnswer = isInvitee || customer.actorIsAdmin;
  const unproven = mayAnswer ? undefined : await unprovenAddress(services, ctx.actor, request.inviteeEmail);
  const by = answererKey(ctx.actor, viaLink);
  const command: RequestCommand =
    input.actionId === 'customer.approve'
      ? {
          type: 'approve',
          by,
          at: ctx.now,
          mayAnswer,
          unproven,
          customerOrgId: customer.orgId,
          customerCountry: customer.country ?? parties.reseller.country,
        }
      : { type: 'decline', by, at: ctx.now, mayAnswer, unproven };
  const decision = decideRequest(command, request.state, { expiresAt: request.expiresAt, resellerCountry: parties.reseller.country });
  const expiresAt = new Date(ctx.now.getTime() + request.days * day);
  const relationships = relationshipsOf(request, customer.orgId, ctx.now, expiresAt);
  const until = isoDate(expiresAt);
  const { event } = await applyChange(services.claims, {
    decision,
    claim: `invitation:${request._id}:answered`,
    lost: 'INVITATION.ANSWERED_CONCURRENTLY',
    evolve: (event) => evolveRequest(request.state, event),
    async write(state, event) {
      await store.setRequestState(request._id, state);
      if (event.type === 'declined') return;
      if (!customer.org) await createCustomerOrg(services, ctx, request, customer.orgId, parties.reseller.country);
      else if (isInvitee && !customer.actorIsMember && !isLinkVisitor(ctx.actor))
        await addAdmin(services, ctx, customer.orgId, request.inviteeEmail);
      for (const relationship of relationships) await store.putRelationship(relationship);
    },
    record: (state, event) =>
      event.type === 'declined'
        ? recordRequest(services, ctx, { ...request, state }, CUSTOMER_AUDIT.declined, { answeredBy: by })
        : recordRequest(services, ctx, { ...request, state }, CUSTOMER_AUDIT.approved, {
            customerOrgId: customer.orgId,
            relationshipIds: relationships.map((r) => r._id),
            relationshipExpiresAt: expiresAt,
            answeredBy: by,
          }),
    notify: (_, event) =>
      tellPartners(services, request, (t) =>
        event.type === 'declined'
          ? t('customer.notify.declined', { email: request.inviteeEmail })
          : t('customer.notify.approved', { email: request.inviteeEmail, until }),
      ),
  });
  const reseller = parties.reseller.legalName;
  if (event.type === 'declined') return [answerReply(input, ctx.t('customer.declined', { reseller }))];
  const key = parties.provider ? 'customer.approvedTwoTier' : 'customer.approved';
  return [answerReply(input, ctx.t(key, { reseller, provider: parties.provider?.legalName ?? '', until }))];
}

interface CustomerFacts {
  org?: Organization;
  orgId: string;
  country?: string;
  actorIsAdmin: boolean;
  actorIsMember: boolean;
}

/**
 * The customer organization: the one the invited email belongs to, else the invitee's own, else a new id.
 * An admin of some other customer organization gains nothing: they are neither the invitee nor its admin.
 */
async function customerOrgFor(
  services: CoreServices,
  ctx: TurnContext,
  request: CustomerRequest,
  isInvitee: boolean,
): Promise<CustomerFacts> {
  const own = await orgOf(services, ctx.actor, 'customer');
  const byEmail = await services.organizations.membershipsByEmail(request.inviteeEmail);
  const orgs = await services.organizations.byIds(byEmail.map((m) => m.orgId));
  const invited = [...orgs.values()].find((org) => org.kind === 'customer');
  if (invited) {
    const actorIsMember = own?.org._id === invited._id;
    return {
      org: invited,
      orgId: invited._id,
      country: invited.country,
      actorIsMember,
      actorIsAdmin: actorIsMember && own !== undefined && isAdmin(own.membership.roles),
    };
  }
  if (own && isInvitee)
    return { org: own.org, orgId: own.org._id, country: own.org.country, actorIsMember: true, actorIsAdmin: isAdmin(own.membership.roles) };
  return { orgId: newOrgId(), actorIsAdmin: false, actorIsMember: false };
}

async function createCustomerOrg(services: CoreServices, ctx: TurnContext, request: CustomerRequest, orgId: string, country: string) {
  const visitor = isLinkVisitor(ctx.actor);
  await services.organizations.insert({
    _id: orgId,
    kind: 'customer',
    legalName: request.customerName ?? request.inviteeEmail,
    country,
    primaryContact: { email: request.inviteeEmail, name: visitor ? undefined : ctx.actor.displayName },
    createdAt: ctx.now,
  });
  await addAdmin(services, ctx, orgId, request.inviteeEmail);
}

/**
 * The invitee becomes the customer organization's global admin: their chat identity, or, for a visitor with
 * the link, their (proven) address, which links to a chat identity once they prove it there.
 */
async function addAdmin(services: CoreServices, ctx: TurnContext, orgId: string, email: string) {
  const key = isLinkVisitor(ctx.actor) ? undefined : actorKey(ctx.actor);
  await services.organizations.addMembership({
    _id: membershipId(orgId, key ?? email),
    orgId,
    ...(key ? { actorKey: key, displayName: ctx.actor.displayName } : {}),
    email,
    roles: ['global-admin'],
    createdAt: ctx.now,
  });
}

function relationshipsOf(request: CustomerRequest, customerOrgId: string, now: Date, expiresAt: Date): CustomerRelationship[] {
  const base = {
    customerOrgId,
    resellerOrgId: request.resellerOrgId,
    providerOrgId: request.providerOrgId,
    requestId: request._id,
    inviteeEmail: request.inviteeEmail,
    inviterActorKey: request.inviterActorKey,
    state: { status: 'active' as const, grantedAt: now, expiresAt },
  };
  const list: CustomerRelationship[] = [
    { ...base, _id: `${request._id}|${request.resellerOrgId}`, partnerOrgId: request.resellerOrgId, role: 'reseller' },
  ];
  if (request.providerOrgId)
    list.push({ ...base, _id: `${request._id}|${request.providerOrgId}`, partnerOrgId: request.providerOrgId, role: 'provider' });
  return list;
}

/** The reseller who asked (and, two-tier, the provider's admins) learn the answer. */
async function tellPartners(services: CoreServices, request: CustomerRequest, line: (t: Translate) => string) {
  const compose = (locale: Locale) => ({ message: { blocks: [text(line(services.translatorFor(locale)))] } });
  await services.notifier.notify({ actorKey: request.inviterActorKey }, compose);
  if (request.providerOrgId) await notifyOrgAdmins(services, request.providerOrgId, compose);
}

function answerReply(input: ActionInput, message: string): Reply {
  const body = { blocks: [text(message)] };
  return input.messageId ? { type: 'update', messageId: input.messageId, message: body } : { type: 'post', message: body };
}
