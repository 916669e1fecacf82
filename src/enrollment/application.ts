import { randomBytes } from 'node:crypto';
import type { Locale, Platform } from '../core/events.js';
import type { EnrollmentAnswers } from './answers.js';
import type { ApplicationCommand, ApplicationState } from './states.js';

// The application record and what the rest of the feature may ask of it, apart from applications.ts
// (which runs the transitions) and store.ts (which keeps it): effects, verification and acceptance use these without a cycle.

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

/** Short enough for an operator to type: `review approve app_3f9a1c2e`. */
export const newApplicationId = (): string => `app_${randomBytes(4).toString('hex')}`;

export interface Applications {
  /** The application, after finishing any transition of it that a crashed process left unfinished. */
  get(id: string): Promise<Application>;
  /** The actor's most recent application (unfinished transitions finished first). */
  latestOf(actorKey: string): Promise<Application | undefined>;
  /** Applications in the given states, oldest first. */
  inStatus(statuses: ApplicationState['status'][]): Promise<Application[]>;
  /**
   * Creates the application, once per id; with `verification` the first link is part of the same
   * transition (submitted + verification-sent). Throws ENROLLMENT.ALREADY_SUBMITTED when the id is taken
   * (after finishing that submission if a crash had cut it short).
   */
  submit(input: {
    id: string;
    answers: EnrollmentAnswers;
    applicant: Applicant;
    actorKey: string;
    verification?: { token: string; tokenHash: string; expiresAt: Date };
  }): Promise<Application>;
  /**
   * Applies a command: decides, claims the transition `<id>:<revision + 1>` (transitions.ts), writes,
   * audits, notifies. Throws AppError ENROLLMENT.<refusal>, or ENROLLMENT.ALREADY_HANDLED for the loser of a race.
   */
  apply(
    id: string,
    command: ApplicationCommand,
    by: { actorKey: string; platform: Platform | 'system' },
    options?: { verificationToken?: string },
  ): Promise<Application>;
}
