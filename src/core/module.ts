import type { Actor, InboundEvent, Input, Locale } from './events.js';
import type { DialogState } from './ports.js';
import type { Reply } from './replies.js';
import type { Translate } from '../i18n/translator.js';
import type { ParsedCommand } from './command-grammar.js';

/** What a handler sees of the turn in progress. */
export interface TurnContext {
  readonly event: InboundEvent;
  readonly actor: Actor;
  readonly locale: Locale;
  readonly t: Translate;
  readonly now: Date;
  /** The dialog of this user in this conversation; the engine saves it after the turn. */
  readonly dialog: DialogSession;
}

export interface DialogSession {
  readonly state: DialogState | undefined;
  /** Replaces the dialog state (undefined ends the dialog); saved at the end of the turn. */
  set(state: DialogState | undefined): void;
}

/**
 * A command of the shared grammar (`/csp <name> …` in Slack, typed text elsewhere).
 * @example { name: 'status', usage: 'status', summaryKey: 'enrollment.help.status', available: async () => true, run: async (ctx) => [...] }
 */
export interface CommandSpec {
  name: string;
  /** Shown in help, e.g. `invite-reseller <email> [message]` (not translated: it is what to type). */
  usage: string;
  /** Catalog key of the one-line description in help. */
  summaryKey: string;
  /** Whether the actor may use it now; help lists only these. Run it again inside `run` to refuse. */
  available(ctx: TurnContext): Promise<boolean>;
  run(ctx: TurnContext, command: ParsedCommand): Promise<Reply[]>;
}

export type ActionInput = Extract<Input, { kind: 'action' } | { kind: 'form' }>;

/**
 * One feature's contribution to the engine. Presses and form submissions are routed by the
 * part of their id before the first dot (`partnership.accept` → the module owning `partnership`).
 */
export interface BotModule {
  name: string;
  commands?: CommandSpec[];
  /** Prefix → handler for buttons and forms, e.g. { partnership: handlePartnershipAction }. */
  actions?: Record<string, (ctx: TurnContext, input: ActionInput) => Promise<Reply[]>>;
  /** The dialog flow this module runs: receives every input while `dialog.state.flow === flow`. */
  dialog?: { flow: string; onInput(ctx: TurnContext, input: Input): Promise<Reply[]> };
  /**
   * Landing pages of emailed links, by kind: `verify-email`, `invitation`. The web adapter serves
   * `/<kind>/<token>` with the replies; 404 for unknown tokens, 410 for expired or used ones.
   */
  links?: Record<string, LinkKind>;
  /** Free text outside any dialog that is not a command (e.g. a greeting starts enrollment). */
  onUnmatchedText?(ctx: TurnContext, text: string): Promise<Reply[] | undefined>;
  /** Its periodic jobs: `createCore` has the scheduler run each in every replica. */
  jobs?: PeriodicJob[];
}

/**
 * A recurring job (Agenda, `every`). Every replica may run it, so a run is harmless when repeated or claims
 * what it changes.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export interface LinkResult {
  status: LinkStatus;
  replies: Reply[];
}

/** 200 usable, 404 never issued, 410 expired, replaced or used. */
export type LinkStatus = 200 | 404 | 410;

export interface LinkKind {
  /** The page of the link for this actor (opening a verification link verifies the address). */
  open(ctx: TurnContext, token: string): Promise<LinkResult>;
  /** Whether the link is usable, changing nothing: answered before anyone is known (the playground's persona pick). */
  status(token: string, now: Date): Promise<LinkStatus>;
}
