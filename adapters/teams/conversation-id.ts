/**
 * The opaque conversation id the core sees for a Teams conversation: `teams:<tenant>:<conversation id>`.
 * Teams conversation ids contain colons (`a:1Xy…`, `19:abc@thread.tacv2;messageid=1`), so the id is
 * split at the first two colons only; the tenant is percent-encoded so that one with a colon (not a
 * GUID: a malformed or hostile activity) cannot move the split. A GUID encodes to itself.
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
  // A tenant literally named like the placeholder is escaped so that it does not decode as none.
  const tenant = !tenantId ? NO_TENANT : tenantId === NO_TENANT ? 'no%2Dtenant' : encodeURIComponent(tenantId);
  return `teams:${tenant}:${conversationId}`;
}

/** The inverse of encodeConversationId; undefined for ids of other platforms. */
export function decodeConversationId(opaque: string): TeamsConversation | undefined {
  const match = /^teams:([^:]+):(.+)$/s.exec(opaque);
  if (!match) return undefined;
  if (match[1] === NO_TENANT) return { tenantId: '', conversationId: match[2] };
  try {
    return { tenantId: decodeURIComponent(match[1]), conversationId: match[2] };
  } catch {
    return undefined; // a malformed percent-encoding: not an id encodeConversationId made
  }
}
