/**
 * Working hours and business days in a person's own time zone, with the platform's Intl only.
 * Weekends are Saturday and Sunday; public holidays are not known to the bot.
 */

export interface WorkingHours {
  /** First working hour, local (default 9 = 09:00). */
  start: number;
  /** End of the working day, local (default 18 = 18:00, exclusive). */
  end: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 9, end: 18 };

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

const isWorkingDay = (local: LocalTime) => weekday(local) !== 0 && weekday(local) !== 6;

/**
 * `at` itself when it falls on a working day within working hours in `timeZone`, otherwise the
 * next start of working hours on a working day.
 * @example nextWorkingTime(new Date('2026-11-06T18:00:00Z'), 'Asia/Taipei') // Sat 02:00 local → Mon 2026-11-09T01:00:00Z (09:00 local)
 */
export function nextWorkingTime(at: Date, timeZone: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const local = localTime(at, timeZone);
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
export function addBusinessDays(at: Date, days: number, timeZone = 'UTC'): Date {
  let local = localTime(at, timeZone);
  let left = days;
  while (left > 0) {
    local = addDays(local, 1);
    if (isWorkingDay(local)) left--;
  }
  return instantOf(local, timeZone);
}
