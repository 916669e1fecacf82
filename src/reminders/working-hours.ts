/**
 * Working hours and business days in a person's own time zone, with the platform's Intl only.
 * Configured by WORKING_HOURS (default `Mon-Fri 09-18`); public holidays are not known to the bot.
 */

export interface WorkingHours {
  /** Working days, 0 = Sunday … 6 = Saturday. */
  days: ReadonlySet<number>;
  /** First working hour, local (9 = 09:00). */
  start: number;
  /** End of the working day, local (18 = 18:00, exclusive; 24 = midnight). */
  end: number;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export const DEFAULT_WORKING_HOURS_TEXT = 'Mon-Fri 09-18';

/**
 * Parses WORKING_HOURS: `<first day>-<last day> <start hour>-<end hour>` (e.g. `Sun-Thu 08-17`), or `always`
 * (every day, every hour: reminders are never deferred).
 * @throws Error saying what is expected.
 */
export function parseWorkingHours(text: string = DEFAULT_WORKING_HOURS_TEXT): WorkingHours {
  if (text.trim().toLowerCase() === 'always') return { days: new Set([0, 1, 2, 3, 4, 5, 6]), start: 0, end: 24 };
  const match = /^([a-z]{3})-([a-z]{3})\s+(\d{1,2})-(\d{1,2})$/i.exec(text.trim());
  const first = DAY_NAMES.indexOf(match?.[1].toLowerCase() ?? '');
  const last = DAY_NAMES.indexOf(match?.[2].toLowerCase() ?? '');
  const start = Number(match?.[3]);
  const end = Number(match?.[4]);
  if (!match || first < 0 || last < 0 || !(start >= 0 && start < end && end <= 24)) {
    throw new Error(`"${text}" is not working hours such as "Mon-Fri 09-18" or "Sun-Thu 08-17" (days Sun…Sat, hours 0-24), or "always"`);
  }
  const days = new Set<number>();
  for (let day = first; ; day = (day + 1) % 7) {
    days.add(day);
    if (day === last) break;
  }
  return { days, start, end };
}

export const DEFAULT_WORKING_HOURS: WorkingHours = parseWorkingHours();

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA name this runtime knows (Slack's `tz`, e.g. `Asia/Taipei`). */
export function isKnownTimeZone(timeZone: string | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The instant at which the wall clock in `timeZone` shows `local` (the later one on a DST fold). */
function instantOf(local: LocalTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let guess = wall;
  // Two rounds settle the offset, also when the guess and the answer lie on both sides of a DST change.
  for (let round = 0; round < 2; round++) {
    const seen = localTime(new Date(guess), timeZone);
    const shown = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** Calendar arithmetic on a local date (time of day kept); weekday 0 = Sunday. */
function addDays(local: LocalTime, days: number): LocalTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function weekday(local: LocalTime): number {
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
}

/**
 * `at` itself when it falls on a working day within working hours in `timeZone`, otherwise the
 * next start of working hours on a working day.
 * @example nextWorkingTime(new Date('2026-11-06T18:00:00Z'), 'Asia/Taipei') // Sat 02:00 local → Mon 2026-11-09T01:00:00Z (09:00 local)
 */
export function nextWorkingTime(at: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const local = localTime(at, timeZone);
  const isWorkingDay = (day: LocalTime) => hours.days.has(weekday(day));
  if (isWorkingDay(local) && local.hour >= hours.start && local.hour < hours.end) return at;
  let day = local.hour < hours.start ? local : addDays(local, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return instantOf({ ...day, hour: hours.start, minute: 0, second: 0 }, timeZone);
}

/**
 * `days` working days after `at`, at the same local time of day (a start on a weekend counts from
 * the following Monday's eve, so Saturday + 1 business day = Monday).
 * @example addBusinessDays(new Date('2026-11-06T10:00:00Z'), 5, 'UTC') // Friday → the next Friday
 */
export function addBusinessDays(at: Date, days: number, timeZone = 'UTC', hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  let local = localTime(at, timeZone);
  let left = days;
  while (left > 0) {
    local = addDays(local, 1);
    if (hours.days.has(weekday(local))) left--;
  }
  return instantOf(local, timeZone);
}
