/**
 * The opaque conversation id the core sees for a Teams conversation: `teams:<tenant>:<conversation id>`.
 * Teams conversation ids contain colons (`a:1Xy…`, `19:abc@thread.tacv2;messageid=1`), tenant ids
 * (GUIDs) do not, so the id is split at the first two colons only.
 *
 * @example encodeConversationId('72f9…', 'a:1Xy') === 'teams:72f9…:a:1Xy'
 */
export interface TeamsConversation {
  tenantId: string;
  conversationId: string;
}

/** Stands in for the tenant of activities that carry none (local clients without a tenant). */
export const NO_TENANT = 'no-tenant';

export function encodeConversationId(tenantId: string | undefined, conversationId: string): string {
  const tenant = tenantId || NO_TENANT;
  if (tenant.includes(':')) throw new Error(`a tenant id cannot contain ":" (${tenant})`);
  return `teams:${tenant}:${conversationId}`;
}

/** The inverse of encodeConversationId; undefined for ids of other platforms. */
export function decodeConversationId(opaque: string): TeamsConversation | undefined {
  const match = /^teams:([^:]+):(.+)$/s.exec(opaque);
  if (!match) return undefined;
  return { tenantId: match[1] === NO_TENANT ? '' : match[1], conversationId: match[2] };
}
