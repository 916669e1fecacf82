import type { Logger } from '../logger.js';
import type { Claims, Clock, DialogState, DialogStore, People, StoredDialog } from './ports.js';
import type { Translate } from '../i18n/translator.js';
import { readOnlyCopy } from '../org/access.js';
import { parseCommand } from './command-grammar.js';
import { AppError, messageKeyOf } from './errors.js';
import { assertNever } from './decider.js';
import { actorKey, type InboundEvent } from './events.js';
import type { BotModule, CommandSpec, LinkKind, LinkResult, LinkStatus, TurnContext } from './module.js';
import { looksLikeToken } from './tokens.js';
import { post, text, type Reply } from './replies.js';

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
  /** Whether a link is usable (200), unknown (404) or expired or used (410), for no one in particular; changes nothing. */
  linkStatus(kind: string, token: string): Promise<LinkStatus>;
  /** The translator of a locale, for what an adapter says itself (e.g. that a reply could not be delivered). */
  translator(locale: TurnContext['locale']): Translate;
}

export function createEngine(deps: EngineDeps): Engine {
  const commands = new Map<string, CommandSpec>();
  const actions = new Map<string, NonNullable<BotModule['actions']>[string]>();
  const dialogs = new Map<string, NonNullable<BotModule['dialog']>>();
  const links = new Map<string, LinkKind>();
  for (const module of deps.modules) {
    for (const command of module.commands ?? []) register(commands, command.name, command);
    for (const [prefix, handler] of Object.entries(module.actions ?? {})) register(actions, prefix, handler);
    if (module.dialog) register(dialogs, module.dialog.flow, module.dialog);
    for (const [kind, handler] of Object.entries(module.links ?? {})) register(links, kind, handler);
  }
  const logger = deps.logger.child({ component: 'engine' });

  async function help(ctx: TurnContext, unknown?: string): Promise<Reply[]> {
    const lines: string[] = [];
    const probe: TurnContext = { ...ctx, actor: readOnlyCopy(ctx.actor) };
    for (const command of commands.values()) {
      if (await command.available(probe)) lines.push(ctx.t('help.line', { usage: command.usage, summary: ctx.t(command.summaryKey) }));
    }
    const intro = unknown ? `${ctx.t('help.unknown', { name: unknown })}\n` : '';
    return [post(text(`${intro}*${ctx.t('help.title')}*\n${ctx.t('help.intro')}\n${lines.join('\n')}`))];
  }

  async function route(ctx: TurnContext): Promise<Reply[]> {
    const input = ctx.event.input;
    switch (input.kind) {
      case 'command': {
        const parsed = parseCommand(`${input.name} ${input.args}`);
        if (!parsed || parsed.name === 'help') return help(ctx);
        const command = commands.get(parsed.name);
        return command ? command.run(ctx, parsed) : help(ctx, parsed.name);
      }
      case 'action':
      case 'form': {
        const id = input.kind === 'action' ? input.actionId : input.formId;
        const handler = actions.get(id.split('.')[0]);
        if (handler) return handler(ctx, input);
        const dialog = ctx.dialog.state && dialogs.get(ctx.dialog.state.flow);
        if (dialog) return dialog.onInput(ctx, input);
        throw new AppError('ACTION.STALE', `no handler for ${id}`);
      }
      case 'message': {
        const dialog = ctx.dialog.state && dialogs.get(ctx.dialog.state.flow);
        if (dialog) return dialog.onInput(ctx, input);
        const parsed = parseCommand(input.text);
        if (parsed?.name === 'help') return help(ctx);
        const command = parsed && commands.get(parsed.name);
        if (command && parsed) return command.run(ctx, parsed);
        for (const module of deps.modules) {
          const replies = await module.onUnmatchedText?.(ctx, input.text);
          if (replies) return replies;
        }
        return help(ctx, parsed?.name);
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
    work: (ctx: TurnContext) => Promise<T>,
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
    const result = await work(ctx);
    // A turn that leaves the dialog as it found it (help, status, a stale press) writes nothing: it can
    // neither collide with a concurrent turn of the same user nor cost the two round trips of a save.
    if (changed && JSON.stringify(next ?? null) !== JSON.stringify(stored.state ?? null)) {
      await deps.dialogs.save(key, stored, next, now, replay ? { eventId: event.id, outcome: result } : undefined);
    }
    return result;
  }

  const failure = (error: unknown, event: InboundEvent): Reply[] => [
    post(text(describeError(error, deps.translator(event.actor.locale), logger, event))),
  ];

  return {
    async handle(event) {
      try {
        // A re-delivery holds the inbox's lease instead: this claim was taken by the attempt that was cut short.
        if (!event.redelivered && !(await deps.claims.claim(`event:${event.id}`))) {
          logger.info({ eventId: event.id }, 'duplicate delivery ignored');
          return [];
        }
        return await turn(event, route, (stored) => replayOf(event, stored));
      } catch (error) {
        if (error instanceof AppError) await deps.onRefused?.(event, error.code);
        return failure(error, event);
      }
    },
    async openLink(kind, token, who) {
      const event: InboundEvent = { ...who, id: `link:${kind}`, input: { kind: 'command', name: `open-${kind}`, args: '' } };
      const link = links.get(kind);
      // A malformed token (a mangled or hostile URL) is answered without a turn; the refusal is still
      // recorded (capped per minute by the refusal log, so a flood of them costs no more than one per minute).
      if (!link || !looksLikeToken(token)) {
        await deps.onRefused?.(event, 'LINK.404');
        return { status: 404, replies: [] };
      }
      let result: LinkResult;
      try {
        result = await turn(event, (ctx) => link.open(ctx, token));
      } catch (error) {
        if (error instanceof AppError) await deps.onRefused?.(event, error.code);
        return { status: 200, replies: failure(error, event) };
      }
      if (result.status >= 400) await deps.onRefused?.(event, `LINK.${result.status}`);
      return result;
    },
    async linkStatus(kind, token) {
      const link = links.get(kind);
      if (!link || !looksLikeToken(token)) return 404;
      return link.status(token, deps.clock.now());
    },
    translator: deps.translator,
  };
}

/**
 * What a re-delivered event is answered without its turn running: the answer its turn saved with the dialog
 * (the process died before sending it), or nothing when the person has gone on since it was recorded (they
 * sent it again: applying it now would apply it twice). Undefined: run the turn.
 */
function replayOf(event: InboundEvent, stored: StoredDialog): Reply[] | undefined {
  if (!event.redelivered) return undefined;
  if (stored.origin?.eventId === event.id) return stored.origin.outcome as Reply[];
  return stored.updatedAt && stored.updatedAt > event.redelivered.recordedAt ? [] : undefined;
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

/** The driver's errors for an unreachable server (names are stable across mongodb 6 and 7). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  return (
    /^Mongo(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed)Error$/.test(name) || name === 'MongooseServerSelectionError'
  );
}

function register<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.has(key)) throw new Error(`"${key}" is registered twice`);
  map.set(key, value);
}
