import type { Logger } from '../logger.js';
import type { AuditLog, Claims, Clock, DialogStore, Mailboxes, Mailer, Organizations, People } from './ports.js';
import type { Scheduler } from '../infrastructure/scheduler.js';
import type { SecretBox } from '../infrastructure/secret-box.js';
import type { RefusalLog } from '../org/refusals.js';
import type { Notifier } from './notifier.js';
import type { Locale } from './events.js';
import type { Catalogs } from '../i18n/catalogs.js';
import type { Translate } from '../i18n/translator.js';

/**
 * Everything a feature module may use, built once by `createCore` and passed to each module factory: ports,
 * never the database connection (a feature's own collections come as its store, built by app/).
 */
export interface CoreServices {
  claims: Claims;
  clock: Clock;
  people: People;
  audit: AuditLog;
  dialogs: DialogStore;
  /** Refused attempts and requests, audited with a per-minute cap (one per process, shared by the engine and adapters). */
  refusals: RefusalLog;
  organizations: Organizations;
  mailer: Mailer;
  /** Who has proven which email address (the one-time codes of src/identity write it). */
  mailboxes: Mailboxes;
  /** Seals secrets kept at rest (link tokens waiting to be mailed) and pseudonymises erased addresses (SECRETS_KEY). */
  secrets: SecretBox;
  notifier: Notifier;
  scheduler: Scheduler;
  logger: Logger;
  /** Every module's messages, as assembled by the composition root. */
  catalogs: Catalogs;
  /** The translator for a recipient's locale (messages to other people are composed outside the turn's locale). */
  translatorFor(locale: Locale): Translate;
  /** PUBLIC_URL without a trailing slash; every emailed link starts with it. */
  publicUrl: string;
  /** actorKeys of the operators (OPERATORS) who review enrollments and register providers. */
  operators: ReadonlySet<string>;
  /** REMINDER_INTERVALS (`verify-resend=30s,…`, validated by the config); src/reminders/intervals.ts parses it. */
  reminderIntervals?: string;
  /** WORKING_HOURS (`Mon-Fri 09-18` or `always`, validated by the config); src/reminders/working-hours.ts parses it. */
  workingHours?: string;
  /** INBOX_LEASE_MS: how long a reminder's delivery may stay half-done before another process takes it over (default 30 s). */
  leaseMs?: number;
}
