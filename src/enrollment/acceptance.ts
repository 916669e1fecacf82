import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, TurnContext } from '../core/module.js';
import { post, text, type ActionsBlock, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Translate } from '../i18n/translator.js';
import { membershipId, type Membership, type Organization } from '../org/organizations.js';
import type { Application, Applications } from './application.js';

type Services = Pick<CoreServices, 'organizations' | 'audit' | 'people' | 'clock'>;

/** On acceptance: the reseller organization, with the enrolling user as its global admin. */
export async function createReseller(services: Pick<CoreServices, 'organizations' | 'people' | 'clock'>, app: Application): Promise<void> {
  if (!app.orgId) return;
  const v = app.answers.values;
  const tenant = v.tenant ?? '';
  const org: Organization = {
    _id: app.orgId,
    kind: 'reseller',
    legalName: v.legalName ?? '',
    country: v.country ?? '',
    partnerId: v.partnerId,
    tenantId: tenant && !tenant.includes('.') ? tenant : undefined,
    tenantDomain: tenant.includes('.') ? tenant : undefined,
    address: v.addressLine1
      ? { country: v.country ?? '', line1: v.addressLine1, city: v.city ?? '', region: v.region, postalCode: v.postalCode }
      : undefined,
    primaryContact: v.contactEmail ? { name: v.contactName, email: v.contactEmail, phone: v.contactPhone } : undefined,
    supportContact: { email: v.supportEmail ?? '', phone: v.supportPhone, website: v.supportWebsite },
    applicationId: app._id,
    createdAt: services.clock.now(),
  };
  const person = await services.people.get(app.applicant.actorKey);
  const membership: Membership = {
    _id: membershipId(org._id, app.applicant.actorKey),
    orgId: org._id,
    actorKey: app.applicant.actorKey,
    email: person?.email ?? app.applicant.email,
    displayName: app.applicant.displayName,
    roles: ['global-admin'],
    createdAt: services.clock.now(),
  };
  // Fixed ids: completing the acceptance again after a crash finds them and changes nothing.
  await services.organizations.insert(org);
  await services.organizations.addMembership(membership);
}

/** The seed's step 9: confirm membership of the admin agent group (Account settings > User management). */
export function adminAgentQuestion(t: Translate, app: Pick<Application, '_id'>): ActionsBlock {
  return {
    type: 'actions',
    buttons: [
      { label: t('application.button.admin-agent-yes'), actionId: 'application.admin-agent', value: `${app._id}|yes`, style: 'primary' },
      { label: t('application.button.admin-agent-no'), actionId: 'application.admin-agent', value: `${app._id}|no` },
    ],
  };
}

/** Records the answer to the admin agent question: audit entry, and the admin-agent role when confirmed. */
export async function answerAdminAgent(
  services: Services,
  applications: Applications,
  ctx: TurnContext,
  input: ActionInput,
): Promise<Reply[]> {
  const [id, answer] = (input.kind === 'action' ? input.value : '').split('|');
  const app = await applications.get(id);
  const key = actorKey(ctx.actor);
  if (app.applicant.actorKey !== key || !app.orgId) throw new AppError('FORBIDDEN');
  const confirmed = answer === 'yes';
  // Write first (adding the role again changes nothing), then the audit entry, whose fixed id for "yes" is
  // the claim: a crash in between is finished by the next "yes", and a second "yes" is told it was done.
  const membership = await services.organizations.membershipById(membershipId(app.orgId, key));
  if (confirmed && membership && !membership.roles.includes('admin-agent')) {
    await services.organizations.setRoles(membership._id, [...membership.roles, 'admin-agent']);
  }
  const recorded = await services.audit.record({
    id: confirmed ? `aud_${app._id}_admin-agent_yes` : undefined,
    orgId: app.orgId,
    actorKey: key,
    platform: ctx.actor.platform,
    action: 'enrollment.admin-agent-answered',
    subject: app._id,
    details: { applicationId: app._id, orgId: app.orgId, applicantKey: key, primaryContactEmail: app.contactEmail, confirmed },
    at: ctx.now,
  });
  if (!recorded) return [post(text(ctx.t('application.admin-agent.already')))];
  const reply = confirmed
    ? [text(ctx.t('application.admin-agent.yes'))]
    : [text(ctx.t('application.admin-agent.no')), adminAgentQuestion(ctx.t, app)];
  const update: Reply[] = input.messageId
    ? [{ type: 'update', messageId: input.messageId, message: { blocks: [text(ctx.t('application.admin-agent.answered'))] } }]
    : [];
  return [...update, post(...reply)];
}
