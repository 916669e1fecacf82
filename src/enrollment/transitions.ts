import type { Platform } from '../core/events.js';
import type { Application } from './application.js';
import type { ApplicationEvent, ApplicationStatus } from './states.js';

/**
 * One transition of an application, written BEFORE the application itself: inserting it under the
 * unique `_id` `<applicationId>:<revision>` is the claim (the project's exactly-once primitive), and it
 * carries everything needed to finish the transition. So a process killed right after the claim leaves
 * no wedge: whoever finds the transition not `done` (the next press, a status request, a review) writes
 * the same document and runs the same steps, each of which is harmless when repeated (see applications.ts).
 */
export interface Transition {
  _id: string;
  applicationId: string;
  applicantKey: string;
  /** The revision this transition produces (the application goes from revision - 1 to revision). */
  revision: number;
  next: Application;
  events: ApplicationEvent[];
  /** The application's status right after each event (for the audit details). */
  statuses: ApplicationStatus[];
  by: { actorKey: string; platform: Platform | 'system' };
  /**
   * The verification link's token, only until its mail was handed to the mailer (then removed): the one
   * way a process that finishes someone else's transition can still send that link. The stored state keeps
   * only the hash.
   */
  verificationToken?: string;
  done: boolean;
  at: Date;
}

export const transitionId = (applicationId: string, revision: number): string => `${applicationId}:${revision}`;

/** Where a test may cut a transition short, as `kill -9` would (see createApplications' `crashAfter`). */
export type CrashPoint = 'claim' | 'write' | 'audit' | 'announce';

export class InjectedCrash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`injected crash after ${point}`);
  }
}
