import { actorKey } from '../core/events.js';
import type { TurnContext } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import type { CustomerRequest } from './store.js';

/** Records a request transition with the details the reminders helper needs (see states.ts for the codes). */
export async function recordRequest(
  services: CoreServices,
  ctx: TurnContext,
  request: CustomerRequest,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const customerOrgId = request.state.status === 'approved' ? request.state.customerOrgId : undefined;
  await services.audit.record({
    orgId: request.resellerOrgId,
    relatedOrgIds: [request.providerOrgId, customerOrgId].filter((id): id is string => Boolean(id)),
    actorKey: actorKey(ctx.actor),
    platform: ctx.actor.platform,
    action,
    subject: request._id,
    details: {
      requestId: request._id,
      resellerOrgId: request.resellerOrgId,
      providerOrgId: request.providerOrgId ?? null,
      inviteeEmail: request.inviteeEmail,
      inviterActorKey: request.inviterActorKey,
      days: request.days,
      expiresAt: request.expiresAt,
      ...extra,
    },
    at: ctx.now,
  });
}
