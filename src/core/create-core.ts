import type { Connection } from '../infrastructure/database.js';
import type { Logger } from '../logger.js';
import type { Locale } from './events.js';
import type { Claims } from './ports.js';
import type { Scheduler } from '../infrastructure/scheduler.js';
import type { Catalogs } from '../i18n/catalogs.js';
import { createTranslator } from '../i18n/translator.js';
import { createAuditLog } from '../infrastructure/audit.js';
import { type AuditLog } from './ports.js';
import { createOrganizations, orgModels, type OrgModels } from '../infrastructure/organizations.js';
import { createRefusalLog } from '../org/refusals.js';
import { claimsCleanupJob } from '../infrastructure/claims-cleanup.js';
import { createDialogStore } from '../infrastructure/dialog-store.js';
import { createEngine, type Engine } from './engine.js';
import { createNotifier } from './notifier.js';
import { createOutboxMailer, type OutboxLinks } from '../infrastructure/outbox.js';
import { createPeople } from '../infrastructure/people.js';
import { createMailboxes } from '../infrastructure/mailboxes.js';
import { createSecretBox, type SecretBox } from '../infrastructure/secret-box.js';
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock, type Mailer } from './ports.js';
import type { BotModule } from './module.js';
import type { CoreServices } from './services.js';

export interface CoreOptions {
  connection: Connection;
  claims: Claims;
  scheduler: Scheduler;
  logger: Logger;
  publicUrl: string;
  operators: readonly string[];
  clock?: Clock;
  /** Defaults to the outbox mailer. A factory gets the audit log (the SMTP mailer records `mail.failed` there). */
  mailer?: Mailer | ((audit: AuditLog) => Mailer);
  /** Whether the outbox mailer keeps link tokens (default) or redacts them (NODE_ENV=production). */
  outboxLinks?: OutboxLinks;
  /**
   * The keys of SECRETS_KEY (app/secrets.ts). Default: a key made for this process, which a restarted process
   * no longer has: for tests only.
   */
  secrets?: SecretBox;
  /** REMINDER_INTERVALS as configured (`name=duration,…`); the reminders module applies its defaults. */
  reminderIntervals?: string;
  /** WORKING_HOURS as configured; the reminders module applies its default. */
  workingHours?: string;
  /** INBOX_LEASE_MS: how long a delivery (a platform's, a reminder's) may stay half-done before another process takes it over. */
  leaseMs?: number;
}

/** What the composition root (app/features.ts) assembles from the features. */
export interface Assembly {
  catalogs: Catalogs;
  /** The feature modules, in the order their free-text fallbacks are tried. */
  modules(services: CoreServices): BotModule[];
}

/**
 * The services as the composition root, the adapters (their platform records) and tests hold them: with the
 * database connection and the organization models, which feature modules never see (they get `CoreServices`:
 * ports, and their own store from app/).
 */
export interface WiredServices extends CoreServices {
  connection: Connection;
  orgs: OrgModels;
}

export interface Core {
  engine: Engine;
  services: WiredServices;
}

const processSecrets = createSecretBox([randomBytes(32)]);

/** Builds the platform-neutral core: services, feature modules and the engine over them. */
export function createCore(options: CoreOptions, assembly: Assembly): Core {
  const clock = options.clock ?? systemClock;
  const people = createPeople(options.connection);
  const audit = createAuditLog(options.connection, options.logger);
  const mailer =
    typeof options.mailer === 'function'
      ? options.mailer(audit)
      : (options.mailer ?? createOutboxMailer(options.connection, clock, options.outboxLinks));
  const translatorFor = (locale: Locale) => createTranslator(assembly.catalogs, locale);
  const dialogs = createDialogStore(options.connection);
  const orgs = orgModels(options.connection);
  const services: WiredServices = {
    connection: options.connection,
    claims: options.claims,
    clock,
    people,
    audit,
    dialogs,
    refusals: createRefusalLog(audit, { clock, logger: options.logger }),
    orgs,
    organizations: createOrganizations(orgs),
    mailer,
    mailboxes: createMailboxes(options.connection),
    secrets: options.secrets ?? processSecrets,
    notifier: createNotifier({ people, mailer, logger: options.logger }),
    scheduler: options.scheduler,
    logger: options.logger,
    publicUrl: options.publicUrl.replace(/\/$/, ''),
    operators: new Set(options.operators),
    reminderIntervals: options.reminderIntervals,
    workingHours: options.workingHours,
    leaseMs: options.leaseMs,
    catalogs: assembly.catalogs,
    translatorFor,
  };
  const modules = assembly.modules(services);
  const cleanup = claimsCleanupJob({ claims: options.claims, dialogs, connection: options.connection }, clock, options.logger);
  for (const job of [cleanup, ...modules.flatMap((m) => m.jobs ?? [])]) options.scheduler.every(job);
  const engine = createEngine({
    modules,
    claims: options.claims,
    dialogs,
    people,
    clock,
    logger: options.logger,
    translator: translatorFor,
    onRefused: services.refusals.access,
  });
  return { engine, services };
}
