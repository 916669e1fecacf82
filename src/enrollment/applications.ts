import { orThrow } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import type { Platform } from '../core/events.js';
import type { CoreServices } from '../core/services.js';
import { contactEmailOf } from './answers.js';
import type { Application, Applications } from './application.js';
import { decide } from './decide.js';
import { announce, prepare, type EffectServices } from './effects.js';
import { auditAction, evolve, type ApplicationEvent, type ApplicationStatus } from './states.js';
import type { EnrollmentStore } from './store.js';
import { InjectedCrash, transitionId, type CrashPoint, type Transition } from './transitions.js';

type Services = Pick<CoreServices, 'audit' | 'logger'> & EffectServices;

/**
 * Every transition is claimed by inserting its full record (transitions.ts), then completed by steps that
 * are each harmless when repeated: the application replaced only where it still has the previous revision,
 * organization and link records under fixed ids, audit entries under fixed ids (src/infrastructure/audit.ts), mail and notices
 * claimed one by one. So `kill -9` anywhere leaves a transition that the next reader of the application
 * finishes, and nothing happens twice. `crashAfter` (tests only) stops a transition where a kill would.
 */
export function createApplications(services: Services, store: EnrollmentStore, faults: { crashAfter?: CrashPoint } = {}): Applications {
  const step = (point: CrashPoint) => {
    if (faults.crashAfter === point) throw new InjectedCrash(point);
  };

  /** Claims the transition from `app` (at its revision) through `events`; undefined when another caller has it. */
  async function begin(
    app: Application,
    events: ApplicationEvent[],
    by: { actorKey: string; platform: Platform | 'system' },
    verificationToken?: string,
  ): Promise<Transition | undefined> {
    let state = app.state;
    const statuses = events.map((event) => (state = evolve(state, event)).status);
    const accepted = events.find((event) => event.type === 'accepted');
    const contact = events.find((event) => event.type === 'contact-changed');
    const revision = app.revision + 1;
    const next: Application = {
      ...app,
      ...(contact?.type === 'contact-changed' && {
        answers: { ...app.answers, values: { ...app.answers.values, ...contact.values } },
        contactEmail: contact.values.contactEmail ?? app.contactEmail,
      }),
      state,
      revision,
      orgId: accepted?.type === 'accepted' ? accepted.orgId : app.orgId,
      updatedAt: services.clock.now(),
    };
    const transition: Transition = {
      _id: transitionId(app._id, revision),
      applicationId: app._id,
      applicantKey: app.applicant.actorKey,
      revision,
      next,
      events,
      statuses,
      by,
      verificationToken: verificationToken && services.secrets.seal(verificationToken),
      done: false,
      at: services.clock.now(),
    };
    if (!(await store.claimTransition(transition))) return undefined;
    step('claim');
    return transition;
  }

  async function complete(transition: Transition): Promise<Application> {
    const { next, revision } = transition;
    await store.write(next);
    step('write');
    await prepare(services, store, transition);
    for (const [index, event] of transition.events.entries()) {
      await services.audit.record({
        id: `aud_${next._id}_r${revision}_${index}`,
        orgId: next.orgId,
        actorKey: transition.by.actorKey,
        platform: transition.by.platform,
        action: auditAction(event),
        subject: next._id,
        details: auditDetails(next, event, transition.statuses[index]),
        at: event.at,
      });
    }
    step('audit');
    await announce(services, transition);
    step('announce');
    await store.markDone(transition._id);
    return next;
  }

  /** Finishes what crashed processes left (normally nothing: one indexed query). */
  async function settle(filter: { applicationId: string } | { applicantKey: string }): Promise<void> {
    for (const transition of await store.unfinished(filter)) {
      await complete(transition).catch((error: unknown) => {
        if (error instanceof InjectedCrash) throw error;
        services.logger.error({ err: error, transition: transition._id }, 'could not finish an application transition');
      });
    }
  }

  return {
    async get(id) {
      await settle({ applicationId: id });
      const app = await store.application(id);
      if (!app) throw new AppError('ENROLLMENT.UNKNOWN_APPLICATION', undefined, { id });
      return app;
    },
    async latestOf(actorKey) {
      await settle({ applicantKey: actorKey });
      return store.latestOf(actorKey);
    },
    inStatus: (statuses) => store.inStatus(statuses),
    async submit({ id, answers, applicant, actorKey, verification }) {
      const now = services.clock.now();
      const link = verification && { tokenHash: verification.tokenHash, expiresAt: verification.expiresAt };
      const decision = decide({ type: 'submit', answers, at: now, verification: link }, { status: 'new' });
      const events = orThrow(decision);
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
      const transition =
        !(await store.exists(id)) && (await begin(app, events, { actorKey, platform: applicant.platform }, verification?.token));
      if (!transition) {
        await settle({ applicationId: id });
        throw new AppError('ENROLLMENT.ALREADY_SUBMITTED');
      }
      return complete(transition);
    },
    async apply(id, command, by, options = {}) {
      const app = await this.get(id);
      const decision = decide(command, app.state);
      if (!decision.ok) throw new AppError(decision.refusal.code, undefined, { id, ...decision.refusal.params });
      // One claim per revision: of two different transitions of the same revision (approve vs. reject,
      // a repeated press) only one wins.
      const transition = await begin(app, decision.event, by, options.verificationToken);
      if (!transition) {
        await settle({ applicationId: id });
        throw new AppError('ENROLLMENT.ALREADY_HANDLED', undefined, { id });
      }
      return complete(transition);
    },
  };
}

function auditDetails(app: Application, event: ApplicationEvent, status: ApplicationStatus): Record<string, unknown> {
  const base = {
    applicationId: app._id,
    orgId: app.orgId,
    applicantKey: app.applicant.actorKey,
    primaryContactEmail: app.contactEmail,
    status,
  };
  switch (event.type) {
    case 'submitted':
      return { ...base, path: app.answers.path, legalName: app.answers.values.legalName, country: app.answers.values.country };
    case 'verification-sent':
      return { ...base, expiresAt: event.expiresAt.toISOString(), resend: event.resend };
    case 'contact-changed':
      return { ...base, previousEmail: event.previousEmail };
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
