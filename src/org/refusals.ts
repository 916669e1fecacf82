import { actorKey, type InboundEvent, type Platform } from '../core/events.js';
import type { ErrorCode } from '../core/errors.js';
import type { AuditLog, Clock } from '../core/ports.js';
import type { Logger } from '../logger.js';

/**
 * Refused attempts in the audit log (issue 9: "each refused, audited, and nothing changed"):
 * - `access.refused`: the core refused someone access — details { code, attempted } (the command name,
 *   action or form id, or `link:<kind>`), the actor and platform of the entry are the one who tried;
 * - `request.refused`: a transport refused a request before any actor was known (forged or stale Slack
 *   signature, missing or wrong Teams token) — details { reason, remoteAddress }, actor `system`.
 *
 * Refusals cost an attacker nothing, so they are capped: per process, at most `perMinute` entries per
 * action and code/reason in a minute; the rest are counted, and the count is recorded as one summary entry
 * (details.summary = true, unrecorded, since) with the next refusal of that kind after the minute (an
 * ongoing flood: one summary a minute). The cap's keys are the fixed codes and reasons, never attacker data.
 */

/** AppError codes (and link answers) that mean "not yours / not allowed / not a valid token", as opposed to business rules. */
const ACCESS_CODES: ReadonlySet<string> = new Set<ErrorCode | `LINK.${404 | 410}`>([
  'FORBIDDEN',
  'ORG.ADMIN_ONLY',
  'REVIEW.OPERATORS_ONLY',
  'PROVIDER.OPERATOR_ONLY',
  'PROVIDER.NOT_ADMIN',
  'PROVIDER.NOT_MEMBER',
  'PARTNERSHIP.NOT_RESELLER',
  'PARTNERSHIP.NOT_INVITED_ADMIN',
  'CUSTOMER.NOT_CUSTOMER',
  'CUSTOMER.NOT_INVITED_ADMIN',
  'CUSTOMER.NOT_REQUESTER',
  'CUSTOMER.NOT_RESELLER_ADMIN',
  'CUSTOMER.NOT_RESELLER_AGENT',
  'CUSTOMER.NOT_YOUR_CUSTOMER',
  'INVITATION.UNKNOWN',
  'INVITATION.EXPIRED',
  'ENROLLMENT.LINK_USED',
  'ENROLLMENT.LINK_EXPIRED',
  // An emailed link answered 404 (unknown, e.g. guessed, token) or 410 (expired, replaced or used: replayed).
  'LINK.404',
  'LINK.410',
]);

export const isAccessRefusal = (code: string): boolean => ACCESS_CODES.has(code);

/** What the actor tried: the command, the action or form, or the link kind. */
export function attemptOf(event: InboundEvent): string {
  if (event.id.startsWith('link:')) return event.id;
  const input = event.input;
  switch (input.kind) {
    case 'command':
      return `command:${input.name}`;
    case 'action':
      return `action:${input.actionId}`;
    case 'form':
      return `form:${input.formId}`;
    case 'message':
      return `message:${input.text.trim().split(/\s+/)[0]?.slice(0, 40) ?? ''}`;
  }
}

/** Refusal entries per action and code/reason per minute and process, before the rest are only counted. */
export const REFUSALS_PER_MINUTE = 20;

export interface RefusalLog {
  /** An attempt the core refused with `code`; audited when the code is about access (isAccessRefusal). */
  access(event: InboundEvent, code: string): Promise<void>;
  /** A request a transport refused (401) before it reached the core. */
  request(refusal: { platform: Platform; reason: string; remoteAddress?: string }): Promise<void>;
}

export function createRefusalLog(
  audit: Pick<AuditLog, 'record'>,
  options: { clock: Clock; logger: Logger; perMinute?: number },
): RefusalLog {
  const cap = createRefusalCap(options.perMinute ?? REFUSALS_PER_MINUTE, 60_000);

  async function record(
    action: string,
    kind: string,
    entry: { actorKey: string; platform: Platform | 'system'; details: Record<string, unknown> },
  ) {
    const now = options.clock.now();
    const decision = cap.admit(`${action}|${kind}`, now);
    try {
      if (decision.dropped) {
        await audit.record({
          action,
          actorKey: 'system',
          platform: entry.platform,
          details: { [action === 'request.refused' ? 'reason' : 'code']: kind, summary: true, ...decision.dropped },
          at: now,
        });
      }
      if (decision.record) await audit.record({ action, ...entry, at: now });
      else if (decision.first) options.logger.warn({ action, kind }, 'refusals capped: counting the rest of this minute');
    } catch (error) {
      // Auditing a refusal must never turn it into an error answer.
      options.logger.error({ err: error, action, kind }, 'could not audit a refusal');
    }
  }

  return {
    async access(event, code) {
      if (!isAccessRefusal(code)) return;
      const details = { code, attempted: attemptOf(event) };
      await record('access.refused', code, { actorKey: actorKey(event.actor), platform: event.actor.platform, details });
    },
    async request({ platform, reason, remoteAddress }) {
      await record('request.refused', reason, { actorKey: 'system', platform, details: { reason, remoteAddress } });
    },
  };
}

export interface CapDecision {
  /** Whether to record this refusal. */
  record: boolean;
  /** This refusal is the first one over the limit in its window. */
  first: boolean;
  /** The previous window of this key ended with refusals left unrecorded: record their count once. */
  dropped?: { unrecorded: number; since: Date };
}

/** A fixed-window counter per key: `limit` admitted per window, the rest counted and reported once when the key's next window opens. */
export function createRefusalCap(limit: number, windowMs: number) {
  const windows = new Map<string, { start: number; seen: number }>();
  return {
    admit(key: string, now: Date): CapDecision {
      const at = now.getTime();
      let window = windows.get(key);
      let dropped: CapDecision['dropped'];
      if (!window || at >= window.start + windowMs || at < window.start) {
        if (window && window.seen > limit) dropped = { unrecorded: window.seen - limit, since: new Date(window.start) };
        window = { start: at, seen: 0 };
        windows.set(key, window);
      }
      window.seen++;
      return { record: window.seen <= limit, first: window.seen === limit + 1, dropped };
    },
  };
}
