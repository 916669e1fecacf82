import { endOf, INTERVAL_DEFAULTS, parseDuration, parseIntervals } from '../../src/reminders/intervals.js';
import { loadConfig } from '../../src/config.js';

describe('reminder intervals', () => {
  it('has the defaults of the reminder table', () => {
    const intervals = parseIntervals('');
    expect(intervals['dialog-nudge']).toEqual({ ms: 24 * 3600_000 });
    expect(intervals['review-status']).toEqual({ businessDays: 5 });
    expect(intervals['customer-request-lapse']).toEqual({ ms: 90 * 24 * 3600_000 });
    expect(Object.keys(intervals).sort()).toEqual(Object.keys(INTERVAL_DEFAULTS).sort());
  });

  it('overrides single intervals with name=duration pairs, in seconds for tests', () => {
    const intervals = parseIntervals('verify-resend=3s, review-status=2bd,invitation-provider=1.5m');
    expect(intervals['verify-resend']).toEqual({ ms: 3000 });
    expect(intervals['review-status']).toEqual({ businessDays: 2 });
    expect(intervals['invitation-provider']).toEqual({ ms: 90_000 });
    expect(intervals['more-info']).toEqual({ ms: 2 * 24 * 3600_000 });
  });

  it('names every bad pair', () => {
    expect(() => parseIntervals('verify-resnd=3s,more-info=soon')).toThrow(
      /unknown interval "verify-resnd".*"more-info=soon" is not name=duration/,
    );
    expect(parseDuration('1.5bd')).toBeUndefined();
  });

  it('is validated by the configuration at start-up', () => {
    expect(loadConfig({ REMINDER_INTERVALS: 'more-info=10s' }).REMINDER_INTERVALS).toBe('more-info=10s');
    expect(() => loadConfig({ REMINDER_INTERVALS: 'more-info=10 parsecs' })).toThrow(/REMINDER_INTERVALS: "more-info=10 parsecs"/);
  });

  it('ends business-day durations on a working day', () => {
    expect(endOf(new Date('2026-11-06T10:00:00Z'), { businessDays: 5 }).toISOString()).toBe('2026-11-13T10:00:00.000Z');
    expect(endOf(new Date('2026-11-06T10:00:00Z'), { ms: 2000 }).toISOString()).toBe('2026-11-06T10:00:02.000Z');
  });
});
