import type { Engine, Logger } from '../../src/public.js';
import type { TurnQueue } from '../shared/turn-queue.js';
import type { BusyNotices } from './busy.js';
import type { FormStore } from './forms-store.js';
import type { Outbound } from './outbound.js';
import type { Turns } from './turns.js';

/** What the Slack listeners work with (its own file: listeners.ts and modal-submission.ts both need it). */
export interface ListenerDeps {
  engine: Engine;
  turns: Turns;
  outbound: Outbound;
  forms: FormStore;
  logger: Logger;
  /** Runs turns after Slack has been acknowledged, a bounded number at a time; stop() drains it. */
  queue: TurnQueue;
  /** What a user is told when the queue refuses their event. */
  busy: BusyNotices;
  /** How long a modal submission may take before the modal is closed without errors (Slack allows 3 s). */
  modalDeadlineMs: number;
}
