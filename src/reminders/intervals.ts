import { addBusinessDays, type WorkingHours } from './working-hours.js';

/**
 * Every reminder interval, by name, with the defaults of issue 8. Overridden with the
 * REMINDER_INTERVALS variable, e.g. `verify-resend=30s,customer-request-lapse=2m`.
 * Units: s, m, h, d (calendar days), bd (business days in the recipient's time zone).
 */
export const INTERVAL_DEFAULTS = {
  /** Enrollment dialog left unfinished: first nudge, then one more, counted from the last answer. */
  'dialog-nudge': '24h',
  'dialog-nudge-again': '3d',
  /** How often stale enrollment dialogs are looked for. */
  'dialog-sweep': '10m',
  /** Primary contact has not verified: remind with a fresh link; tell the enrolling user. */
  'verify-resend': '24h',
  'verify-tell-enroller': '3d',
  /** Application under review: a status message. */
  'review-status': '5bd',
  /** More information requested and not given. */
  'more-info': '2d',
  /** Admin-agent role not confirmed after acceptance. */
  'admin-agent': '2d',
  /** Partnership invitation unanswered: remind the reseller, then tell the provider. */
  'invitation-reseller': '3d',
  'invitation-provider': '7d',
  /** Customer relationship request unanswered: remind the customer twice; then it lapses. */
  'customer-request': '7d',
  'customer-request-again': '30d',
  'customer-request-lapse': '90d',
  /** Time-bound customer access: told to the reseller (and the provider, two-tier) this long before it ends. */
  'access-expiring': '30d',
  'access-expiring-soon': '7d',
  /** First back-off of a failed mail send (doubles on each further attempt). */
  'mail-retry': '1m',
} as const;

export type IntervalName = keyof typeof INTERVAL_DEFAULTS;

export type Duration = { ms: number } | { businessDays: number };

export type Intervals = Record<IntervalName, Duration>;

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `24h`, `3d`, `5bd` → a Duration; undefined when the text is not one. */
export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(bd|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (match[2] === 'bd') return Number.isInteger(amount) ? { businessDays: amount } : undefined;
  return { ms: amount * UNIT_MS[match[2]] };
}

const isIntervalName = (name: string): name is IntervalName => name in INTERVAL_DEFAULTS;

/**
 * Parses REMINDER_INTERVALS (`name=duration` pairs, comma-separated) over the defaults.
 * @throws Error naming each bad pair and what is expected.
 */
export function parseIntervals(text = ''): Intervals {
  const intervals = Object.fromEntries(
    Object.entries(INTERVAL_DEFAULTS).map(([name, value]) => [name, parseDuration(value) as Duration]),
  ) as Intervals;
  const problems: string[] = [];
  for (const pair of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, value = ''] = pair.split('=').map((item) => item.trim());
    const duration = parseDuration(value);
    if (!isIntervalName(name)) problems.push(`unknown interval "${name}" (known: ${Object.keys(INTERVAL_DEFAULTS).join(', ')})`);
    else if (!duration) problems.push(`"${pair}" is not name=duration with a unit s, m, h, d or bd (e.g. ${name}=30s)`);
    else intervals[name] = duration;
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return intervals;
}

/** When a duration started at `from` ends; business days count in `timeZone` (UTC when unknown). */
export function endOf(from: Date, duration: Duration, timeZone?: string, hours?: WorkingHours): Date {
  return 'ms' in duration ? new Date(from.getTime() + duration.ms) : addBusinessDays(from, duration.businessDays, timeZone, hours);
}

/** Milliseconds of a duration for things that are not calendar-bound (sweeps, back-off). */
export function approximateMs(duration: Duration): number {
  return 'ms' in duration ? duration.ms : duration.businessDays * UNIT_MS.d;
}
