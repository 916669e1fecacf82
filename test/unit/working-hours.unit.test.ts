import { loadConfig } from '../../src/config.js';
import { addBusinessDays, isKnownTimeZone, nextWorkingTime, parseWorkingHours } from '../../src/reminders/working-hours.js';

const at = (iso: string) => new Date(iso);

describe('working hours in the recipient’s time zone', () => {
  it('delivers a reminder due at 02:00 Asia/Taipei on a Saturday at 09:00 on Monday', () => {
    // 2026-11-06T18:00Z is Saturday 2026-11-07 02:00 in Taipei (UTC+8).
    expect(nextWorkingTime(at('2026-11-06T18:00:00Z'), 'Asia/Taipei').toISOString()).toBe('2026-11-09T01:00:00.000Z');
  });

  it('delivers a reminder due at 02:00 on a working day at 09:00 the same day', () => {
    // Tuesday 2026-11-03 02:00 Taipei.
    expect(nextWorkingTime(at('2026-11-02T18:00:00Z'), 'Asia/Taipei').toISOString()).toBe('2026-11-03T01:00:00.000Z');
  });

  it('moves a reminder due after 18:00 on Friday to Monday 09:00', () => {
    // Friday 2026-11-06 19:30 Taipei.
    expect(nextWorkingTime(at('2026-11-06T11:30:00Z'), 'Asia/Taipei').toISOString()).toBe('2026-11-09T01:00:00.000Z');
  });

  it('keeps a reminder due within working hours as it is', () => {
    const due = at('2026-11-04T03:15:00Z'); // Wednesday 11:15 Taipei
    expect(nextWorkingTime(due, 'Asia/Taipei')).toEqual(due);
  });

  it('treats 18:00 as after hours and 09:00 as within', () => {
    expect(nextWorkingTime(at('2026-11-04T10:00:00Z'), 'Asia/Taipei').toISOString()).toBe('2026-11-05T01:00:00.000Z');
    expect(nextWorkingTime(at('2026-11-04T01:00:00Z'), 'Asia/Taipei').toISOString()).toBe('2026-11-04T01:00:00.000Z');
  });

  it('uses the local offset on the day of delivery across a daylight-saving change', () => {
    // Saturday 2026-03-07 23:00 in New York (EST); Monday 09:00 is after the change to EDT (UTC-4).
    expect(nextWorkingTime(at('2026-03-08T04:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('counts business days over weekends, keeping the local time of day', () => {
    // Friday 10:00 UTC + 5 business days = the next Friday.
    expect(addBusinessDays(at('2026-11-06T10:00:00Z'), 5).toISOString()).toBe('2026-11-13T10:00:00.000Z');
    // Wednesday + 5 = the next Wednesday; Saturday + 1 = Monday.
    expect(addBusinessDays(at('2026-11-04T10:00:00Z'), 5).toISOString()).toBe('2026-11-11T10:00:00.000Z');
    expect(addBusinessDays(at('2026-11-07T10:00:00Z'), 1).toISOString()).toBe('2026-11-09T10:00:00.000Z');
    // In Taipei, Friday 2026-11-06 17:00 local (09:00Z) + 1 business day = Monday 17:00 local.
    expect(addBusinessDays(at('2026-11-06T09:00:00Z'), 1, 'Asia/Taipei').toISOString()).toBe('2026-11-09T09:00:00.000Z');
  });

  it('recognises IANA zone names and refuses others', () => {
    expect(isKnownTimeZone('Asia/Taipei')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(undefined)).toBe(false);
  });

  it('follows WORKING_HOURS: other working days and hours, or always', () => {
    const sundayToThursday = parseWorkingHours('Sun-Thu 08-17');
    // Friday 2026-11-06 10:00 in Dubai (UTC+4) is a weekend day there: Sunday 08:00 local.
    expect(nextWorkingTime(at('2026-11-06T06:00:00Z'), 'Asia/Dubai', sundayToThursday).toISOString()).toBe('2026-11-08T04:00:00.000Z');
    // Thursday 2026-11-05 + 1 business day = Sunday.
    expect(addBusinessDays(at('2026-11-05T06:00:00Z'), 1, 'Asia/Dubai', sundayToThursday).toISOString()).toBe('2026-11-08T06:00:00.000Z');
    // A range over the week's end wraps: Fri-Mon.
    expect([...parseWorkingHours('fri-mon 9-18').days].sort()).toEqual([0, 1, 5, 6]);
    const always = parseWorkingHours('always');
    const saturdayNight = at('2026-11-07T23:30:00Z');
    expect(nextWorkingTime(saturdayNight, 'Asia/Taipei', always)).toEqual(saturdayNight);
    expect(addBusinessDays(saturdayNight, 2, 'UTC', always).toISOString()).toBe('2026-11-09T23:30:00.000Z');
  });

  it('refuses WORKING_HOURS it cannot read, saying what it expects', () => {
    expect(loadConfig({}).WORKING_HOURS).toBe('Mon-Fri 09-18');
    for (const bad of ['Mon-Fri', 'Mon-Fry 09-18', 'Mon-Fri 18-09', 'Mon-Fri 09-25', 'weekdays']) {
      expect(() => loadConfig({ WORKING_HOURS: bad })).toThrow(/WORKING_HOURS: .*such as "Mon-Fri 09-18"/);
    }
  });
});
