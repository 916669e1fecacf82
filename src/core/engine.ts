import type { Logger } from '../logger.js';
import type { Claims, Clock, DialogState, DialogStore, People, StoredDialog } from './ports.js';
import type { Translate } from '../i18n/translator.js';
import { readOnlyCopy } from '../org/access.js';
import { fitsUsage, parseCommand, type ParsedCommand } from './command-grammar.js';
import { AppError, messageKeyOf } from './errors.js';
import { usageIn } from '../i18n/command-aliases.js';
import { assertNever } from './decider.js';
import { actorKey, type InboundEvent } from './events.js';
import type { BotModule, CommandSpec, DialogFlow, LinkKind, LinkResult, LinkStatus, TurnContext } from './module.js';
import { looksLikeToken } from './tokens.js';
import { post, text, type Message, type Reply } from './replies.js';
import { isGreeting, welcomeMessage } from './welcome.js';

export interface EngineDeps {
  modules: BotModule[];
  claims: Claims;
  dialogs: DialogStore;
  people: People;
  clock: Clock;
  logger: Logger;
  translator(locale: TurnContext['locale']): Translate;
  /** Told of every refusal (an AppError's code, `LINK.<status>` for a link answered 4xx); src/org/refusals.ts audits those about access. */
  onRefused?(event: InboundEvent, code: string): Promise<void>;
}

/**
 * The conversation engine: one neutral event in, neutral replies out. Adapters call `handle`
 * for every platform event; the same event delivered twice produces replies once.
 */
export interface Engine {
  handle(event: InboundEvent): Promise<Reply[]>;
  /** Opens an emailed link (`verify-email`, `invitation` ...) as the given actor; unknown kinds are 404. */
  openLink(kind: string, token: string, who: Omit<InboundEvent, 'input' | 'id'>): Promise<LinkResult>;
  /**
   * A press on an emailed link's page (`event.input` an action or form): the link's holder acts. The same
   * event id delivered twice acts once (the second gets no replies).
   */
  actOnLink(kind: string, token: string, event: InboundEvent): Promise<LinkResult>;
  /** Whether a link is usable (200), unknown (404) or expired or used (410), for no one in particular; changes nothing. */
  linkStatus(kind: string, token: string): Promise<LinkStatus>;
  /** Whether answering on a link needs a Microsoft work account, and of which tenant (`LinkKind.signIn`). */
  linkSignIn(kind: string, token: string): Promise<{ tenantId?: string } | undefined>;
  /** The translator of a locale, for what an adapter says itself (e.g. that a reply could not be delivered). */
  translator(locale: TurnContext['locale']): Translate;
  /** What the bot does and the first steps, as buttons (sent when the app is installed); starts no dialog. */
  welcome(locale: TurnContext['locale']): Message;
}

export function createEngine(deps: EngineDeps): Engine {
  const commands = new Map<string, CommandSpec>();
  const actions = new Map<string, NonNullable<BotModule['actions']>[string]>();
  const dialogs = new Map<string, DialogFlow>();
  const links = new Map<string, LinkKind>();
  for (const module of deps.modules) {
    for (const command of module.commands ?? []) register(commands, command.name, command);
    for (const [prefix, handler] of Object.entries(module.actions ?? {})) register(actions, prefix, handler);
    if (module.dialog) register(dialogs, module.dialog.flow, module.dialog);
    for (const [kind, handler] of Object.entries(module.links ?? {})) register(links, kind, handler);
  }
  const waitingDialog = (ctx: TurnContext) => (ctx.dialog.state ? dialogs.get(ctx.dialog.state.flow) : undefined);
  const always = async () => true;
  register(commands, 'help', { name: 'help', usage: 'help', summaryKey: 'help.title', available: always, run: (ctx) => help(ctx) });
  register(commands, 'resume', {
    name: 'resume',
    usage: 'resume',
    summaryKey: 'help.resume',
    available: async (ctx) => !!waitingDialog(ctx),
    run: async (ctx) => waitingDialog(ctx)?.resume(ctx) ?? [post(text(ctx.t('resume.none')))],
  });
  // A button that runs a command as if it were typed (src/core/welcome.ts commandButton).
  register(actions, 'command', async (ctx, input) => {
    const parsed = input.kind === 'action' ? parseCommand(input.value) : undefined;
    if (!parsed || input.kind !== 'action' || `command.${parsed.name}` !== input.actionId)
      throw new AppError('ACTION.STALE', `not a command button: ${input.kind}`);
    return runCommand(ctx, parsed);
  });
  const logger = deps.logger.child({ component: 'engine' });

  async function help(ctx: TurnContext, unknown?: string): Promise<Reply[]> {
    const lines: string[] = [];
    const probe: TurnContext = { ...ctx, actor: readOnlyCopy(ctx.actor) };
    for (const command of commands.values()) {
      if (command.name !== 'help' && (await command.available(probe)))
        lines.push(ctx.t('help.line', { usage: usageIn(ctx.locale, command.name, command.usage), summary: ctx.t(command.summaryKey) }));
    }
    const intro = unknown ? `${ctx.t('help.unknown', { name: unknown })}\n` : '';
    return [post(text(`${intro}*${ctx.t('help.title')}*\n${ctx.t('help.intro')}\n${lines.join('\n')}`))];
  }

  /** Runs a command; a dialog waiting before and after it stays where it was, and the answer says how to go back. */
  async function runCommand(ctx: TurnContext, parsed: ParsedCommand): Promise<Reply[]> {
    const command = commands.get(parsed.name);
    if (!command) return help(ctx, parsed.name);
    const before = ctx.dialog.state;
    const waiting = waitingDialog(ctx);
    let replies: Reply[];
    try {
      replies = await command.run(ctx, parsed);
    } catch (error) {
      // A refused command still says how to go back to the waiting dialog.
      if (!waiting || !(error instanceof AppError)) throw error;
      replies = await refused(error, ctx.event);
    }
    return waiting && ctx.dialog.state === before && parsed.name !== 'resume' ? [...replies, waiting.waiting(ctx)] : replies;
  }

  /**
   * Whether typed text is a command: its first word names one. While a dialog waits, the rest must also fit
   * the command's usage, so that answers such as `Customers First Ltd` reach the dialog.
   */
  function typedCommand(ctx: TurnContext, typed: string): ParsedCommand | undefined {
    const parsed = parseCommand(typed);
    const command = parsed && commands.get(parsed.name);
    if (!command || !parsed) return undefined;
    if (!waitingDialog(ctx)) return parsed;
    return (command.fits ? command.fits(parsed) : fitsUsage(command.usage, parsed)) ? parsed : undefined;
  }

  /** Hands the event to the waiting dialog as an answer, unless it came late (`isLate`): then it changes nothing. */
  async function answer(ctx: TurnContext, stored: StoredDialog, dialog: DialogFlow): Promise<Reply[]> {
    if (isLate(ctx.event, stored)) {
      logger.info({ eventId: ctx.event.id, savedBy: stored.origin?.eventId }, 'late answer not applied: the dialog went on since');
      return [];
    }
    return dialog.onInput(ctx, ctx.event.input);
  }

  async function route(ctx: TurnContext, stored: StoredDialog): Promise<Reply[]> {
    const input = ctx.event.input;
    switch (input.kind) {
      case 'command': {
        const parsed = parseCommand(`${input.name} ${input.args}`);
        return parsed ? runCommand(ctx, parsed) : help(ctx);
      }
      case 'action':
      case 'form': {
        const id = input.kind === 'action' ? input.actionId : input.formId;
        const handler = actions.get(id.split('.')[0]);
        if (handler) return handler(ctx, input);
        const dialog = waitingDialog(ctx);
        if (dialog) return answer(ctx, stored, dialog);
        throw new AppError('ACTION.STALE', `no handler for ${id}`);
      }
      case 'message': {
        const command = typedCommand(ctx, input.text);
        if (command) return runCommand(ctx, command);
        const dialog = waitingDialog(ctx);
        if (dialog) return answer(ctx, stored, dialog);
        for (const module of deps.modules) {
          const replies = await module.onUnmatchedText?.(ctx, input.text);
          if (replies) return replies;
        }
        return isGreeting(input.text) ? help(ctx) : help(ctx, parseCommand(input.text)?.name);
      }
      default:
        return assertNever(input);
    }
  }

  /**
   * Runs one turn: loads the dialog, calls `work`, saves the dialog when the turn changed it. A delivery's
   * turn (`replay` given) saves its answer with the dialog, and `replay` may answer instead of the turn.
   */
  async function turn<T>(
    event: InboundEvent,
    work: (ctx: TurnContext, stored: StoredDialog) => Promise<T>,
    replay?: (stored: StoredDialog) => T | undefined,
  ): Promise<T> {
    const t = deps.translator(event.actor.locale);
    const now = deps.clock.now();
    const key = `${actorKey(event.actor)}|${event.conversationId}`;
    const [stored] = await Promise.all([deps.dialogs.load(key), deps.people.remember(event.actor, event.conversationId, now)]);
    const replayed = replay?.(stored);
    if (replayed !== undefined) return replayed;
    let next: DialogState | undefined = stored.state;
    let changed = false;
    const ctx: TurnContext = {
      event,
      actor: event.actor,
      locale: event.actor.locale,
      t,
      now,
      dialog: {
        get state() {
          return next;
        },
        set(state) {
          next = state;
          changed = true;
        },
      },
    };
    const result = await work(ctx, stored);
    // A turn that leaves the dialog as it found it (help, status, a stale press) writes nothing: it can
    // neither collide with a concurrent turn of the same user nor cost the two round trips of a save.
    if (changed && JSON.stringify(next ?? null) !== JSON.stringify(stored.state ?? null)) {
      const receivedAt = event.receivedAt ? { receivedAt: event.receivedAt.getTime() } : {};
      await deps.dialogs.save(key, stored, next, now, replay ? { eventId: event.id, outcome: result, ...receivedAt } : undefined);
    }
    return result;
  }

  const failure = (error: unknown, event: InboundEvent): Reply[] => [
    post(text(describeError(error, deps.translator(event.actor.locale), logger, event))),
  ];
  async function refused(error: unknown, event: InboundEvent): Promise<Reply[]> {
    if (error instanceof AppError) await deps.onRefused?.(event, error.code);
    return failure(error, event);
  }

  /** One turn on an emailed link; unknown kinds and malformed tokens are 404 without a turn. */
  async function onLink(
    kind: string,
    token: string,
    event: InboundEvent,
    work: (link: LinkKind, ctx: TurnContext) => Promise<LinkResult>,
  ): Promise<LinkResult> {
    const link = links.get(kind);
    // A malformed token (a mangled or hostile URL) is answered without a turn; the refusal is still
    // recorded (capped per minute by the refusal log, so a flood of them costs no more than one per minute).
    if (!link || !looksLikeToken(token)) {
      await deps.onRefused?.(event, 'LINK.404');
      return { status: 404, replies: [] };
    }
    let result: LinkResult;
    try {
      result = await turn(event, (ctx) => work(link, ctx));
    } catch (error) {
      return { status: 200, replies: await refused(error, event) };
    }
    if (result.status >= 400) await deps.onRefused?.(event, `LINK.${result.status}`);
    return result;
  }

  return {
    async handle(event) {
      try {
        // A re-delivery (the inbox's lease ran out) claims the event too, so that the process it was taken from, if it is
        // alive and only slow (its queue), cannot start it afterwards; when the claim is taken already, the attempt cut
        // short started it, and the re-delivery runs it with replayOf deciding from the saved dialog.
        if (!(await deps.claims.claim(`event:${event.id}`)) && !event.redelivered) {
          logger.info({ eventId: event.id }, 'duplicate delivery ignored');
          return [];
        }
        return await turn(event, route, (stored) => replayOf(event, stored));
      } catch (error) {
        return refused(error, event);
      }
    },
    openLink(kind, token, who) {
      const event: InboundEvent = { ...who, id: `link:${kind}`, input: { kind: 'command', name: `open-${kind}`, args: '' } };
      return onLink(kind, token, event, (link, ctx) => link.open(ctx, token));
    },
    actOnLink(kind, token, event) {
      const input = event.input;
      if (input.kind !== 'action' && input.kind !== 'form') throw new Error('actOnLink takes a press or a form');
      return onLink(kind, token, event, async (link, ctx) => {
        if (!(await deps.claims.claim(`event:${event.id}`))) {
          logger.info({ eventId: event.id }, 'duplicate delivery ignored');
          return { status: 200, replies: [] };
        }
        return link.act(ctx, token, input);
      });
    },
    async linkStatus(kind, token) {
      const link = links.get(kind);
      if (!link || !looksLikeToken(token)) return 404;
      return link.status(token, deps.clock.now());
    },
    async linkSignIn(kind, token) {
      const link = links.get(kind);
      return link?.signIn && looksLikeToken(token) ? link.signIn(token) : undefined;
    },
    translator: deps.translator,
    welcome: (locale) => welcomeMessage(deps.translator(locale)),
  };
}

/**
 * What a re-delivered event is answered without its turn running: the answer its turn saved with the dialog (the
 * process died before sending it). Undefined: run the turn.
 */
function replayOf(event: InboundEvent, stored: StoredDialog): Reply[] | undefined {
  return event.redelivered && stored.origin?.eventId === event.id ? (stored.origin.outcome as Reply[]) : undefined;
}

/**
 * Whether an answer came after the person went on: it arrived before the delivery the dialog was last saved by (it
 * waited in a slow process's queue, or for a lease, while the person typed it again). For a version saved by a turn
 * that recorded no arrival, a re-delivered answer is late when the dialog changed after it was recorded.
 */
function isLate(event: InboundEvent, stored: StoredDialog): boolean {
  const savedBy = stored.origin?.receivedAt;
  if (event.receivedAt && savedBy !== undefined) return savedBy > event.receivedAt.getTime();
  return !!event.redelivered && !!event.receivedAt && !!stored.updatedAt && stored.updatedAt > event.receivedAt;
}

function describeError(error: unknown, t: Translate, logger: Logger, event: InboundEvent): string {
  if (error instanceof AppError) {
    logger.info({ code: error.code, eventId: event.id }, 'request refused');
    return t(messageKeyOf(error.code), error.params);
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, eventId: event.id }, 'database unavailable');
    return t('error.database');
  }
  logger.error({ err: error, eventId: event.id }, 'unexpected error');
  return t('error.generic');
}

/**
 * The driver's errors for an unreachable server (names are stable across mongodb 6 and 7): among them the pool's,
 * which an operation waiting for a connection gets when the connection pool is cleared after a network error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return (
    /^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|ServerClosed|PoolCleared|PoolClosed|WaitQueueTimeout)Error$/.test(name) ||
    name === 'PoolClearedOnNetworkError' ||
    name === 'MongooseServerSelectionError'
  );
}

function register<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.has(key)) throw new Error(`"${key}" is registered twice`);
  map.set(key, value);
}
