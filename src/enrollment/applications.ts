import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { AppError } from '../core/errors.js';
import type { Locale, Platform } from '../core/events.js';
import type { CoreServices } from '../core/services.js';
import { contactEmailOf, type EnrollmentAnswers } from './answers.js';
import { decide } from './decide.js';
import { auditAction, evolve, type ApplicationCommand, type ApplicationEvent, type ApplicationState } from './states.js';

/** Who enrolled: where to tell them about changes. */
export interface Applicant {
  actorKey: string;
  platform: Platform;
  displayName: string;
  email?: string;
  locale: Locale;
}

/** One enrollment application as stored; `revision` counts transitions and numbers their claims. */
export interface Application {
  _id: string;
  revision: number;
  state: ApplicationState;
  answers: EnrollmentAnswers;
  applicant: Applicant;
  contactEmail: string;
  orgId?: string;
  createdAt: Date;
  updatedAt: Date;
}

const applicationSchema = new Schema<Application>(
  {
    _id: String,
    revision: Number,
    state: Schema.Types.Mixed,
    answers: Schema.Types.Mixed,
    applicant: Schema.Types.Mixed,
    contactEmail: String,
    orgId: String,
    createdAt: Date,
    updatedAt: Date,
  },
  { versionKey: false, minimize: false },
);
applicationSchema.index({ 'applicant.actorKey': 1 });

export function applicationModel(connection: Connection): Model<Application> {
  return connection.models.Application ?? connection.model<Application>('Application', applicationSchema, 'applications');
}

/** Short enough for an operator to type: `review approve app_3f9a1c2e`. */
export const newApplicationId = (): string => `app_${randomBytes(4).toString('hex')}`;

type Services = Pick<CoreServices, 'connection' | 'claims' | 'audit' | 'clock'>;

/** Runs after the state is written and before the audit entries: e.g. create the organization on acceptance. */
export type AfterCommit = (application: Application, events: ApplicationEvent[]) => Promise<void>;

export interface Applications {
  get(id: string): Promise<Application>;
  /** The actor's most recent application. */
  latestOf(actorKey: string): Promise<Application | undefined>;
  /** Applications in the given states, oldest first. */
  inStatus(statuses: ApplicationState['status'][]): Promise<Application[]>;
  /** Creates the application (claim `application:<id>:submit:0`), once per id. */
  submit(input: { id: string; answers: EnrollmentAnswers; applicant: Applicant; actorKey: string }): Promise<Application>;
  /**
   * Applies a command: decides, claims `application:<id>:<transition>:<revision>`, writes, audits.
   * Throws AppError ENROLLMENT.<refusal>, or ENROLLMENT.ALREADY_HANDLED for the loser of a race.
   */
  apply(
    id: string,
    command: ApplicationCommand,
    by: { actorKey: string; platform: Platform | 'system' },
    after?: AfterCommit,
  ): Promise<Application>;
}

export function createApplications(services: Services): Applications {
  const model = applicationModel(services.connection);

  async function write(
    app: Application,
    events: ApplicationEvent[],
    by: { actorKey: string; platform: Platform | 'system' },
    after?: AfterCommit,
  ) {
    let state = app.state;
    for (const event of events) state = evolve(state, event);
    const accepted = events.find((event) => event.type === 'accepted');
    const next: Application = {
      ...app,
      state,
      revision: app.revision + 1,
      orgId: accepted?.type === 'accepted' ? accepted.orgId : app.orgId,
      updatedAt: services.clock.now(),
    };
    await model.replaceOne({ _id: app._id }, next, { upsert: true });
    await after?.(next, events);
    for (const event of events) {
      await services.audit.record({
        orgId: next.orgId,
        actorKey: by.actorKey,
        platform: by.platform,
        action: auditAction(event),
        subject: app._id,
        details: auditDetails(next, event),
        at: event.at,
      });
    }
    return next;
  }

  return {
    async get(id) {
      const app = await model.findById(id).lean<Application>();
      if (!app) throw new AppError('ENROLLMENT.UNKNOWN_APPLICATION', undefined, { id });
      return app;
    },
    async latestOf(actorKey) {
      const [app] = await model.find({ 'applicant.actorKey': actorKey }).sort({ createdAt: -1 }).limit(1).lean<Application[]>();
      return app;
    },
    async inStatus(statuses) {
      return model
        .find({ 'state.status': { $in: statuses } })
        .sort({ createdAt: 1 })
        .lean<Application[]>();
    },
    async submit({ id, answers, applicant, actorKey }) {
      const now = services.clock.now();
      const decision = decide({ type: 'submit', answers, at: now }, { status: 'new' });
      if (!decision.ok) throw new AppError(`ENROLLMENT.${decision.refusal}`);
      if (!(await services.claims.claim(`application:${id}:submit:0`))) throw new AppError('ENROLLMENT.ALREADY_SUBMITTED');
      const app: Application = {
        _id: id,
        revision: 0,
        state: { status: 'new' },
        answers,
        applicant,
        contactEmail: contactEmailOf(answers),
        createdAt: now,
        updatedAt: now,
      };
      return write(app, decision.events, { actorKey, platform: applicant.platform });
    },
    async apply(id, command, by, after) {
      const app = await this.get(id);
      const decision = decide(command, app.state);
      if (!decision.ok) throw new AppError(`ENROLLMENT.${decision.refusal}`, undefined, { id, ...decision.params });
      // Two claims: the first makes a repeated press a no-op, the second lets only one of two different
      // transitions of the same revision (approve vs. reject) win.
      const claimed =
        (await services.claims.claim(`application:${id}:${command.type}:${app.revision}`)) &&
        (await services.claims.claim(`application:${id}:rev:${app.revision + 1}`));
      if (!claimed) throw new AppError('ENROLLMENT.ALREADY_HANDLED', undefined, { id });
      return write(app, decision.events, by, after);
    },
  };
}

function auditDetails(app: Application, event: ApplicationEvent): Record<string, unknown> {
  const base = {
    applicationId: app._id,
    orgId: app.orgId,
    applicantKey: app.applicant.actorKey,
    primaryContactEmail: app.contactEmail,
    status: app.state.status,
  };
  switch (event.type) {
    case 'submitted':
      return { ...base, path: app.answers.path, legalName: app.answers.values.legalName, country: app.answers.values.country };
    case 'verification-sent':
      return { ...base, expiresAt: event.expiresAt.toISOString(), resend: event.resend };
    case 'more-info-requested':
      return { ...base, question: event.question, reviewerKey: event.reviewerKey };
    case 'more-info-provided':
      return { ...base, answer: event.answer };
    case 'accepted':
      return { ...base, orgId: event.orgId, reviewerKey: event.reviewerKey };
    case 'rejected':
      return { ...base, reason: event.reason, reviewerKey: event.reviewerKey };
    case 'appealed':
      return { ...base, appeal: event.appeal };
    case 'email-verified':
    case 'review-reopened':
      return base;
  }
}
