import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Slack Web API answering in Slack's documented shapes (see ../shared/docs/testing.md),
 * recording every call. Bolt's WebClient uses fetch, so a real server is the way to see its calls.
 */
export interface SlackCall {
  method: string;
  /** Form fields with `blocks` and `view` parsed from their JSON strings. */
  args: Record<string, any>;
  token?: string;
  at: number;
}

export interface FakeUser {
  id: string;
  teamId: string;
  name: string;
  email?: string;
  locale?: string;
  tz?: string;
}

/** A message as it currently reads in a channel (chat.update applied). */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: any[];
}

type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  readonly url: string;
  readonly calls: SlackCall[];
  addUser(user: FakeUser): void;
  /** The next call of `method` fails this way (queued: several failures apply in order). */
  failNext(method: string, failure: Failure): void;
  /**
   * The next call of `method` whose arguments `match` is never answered nor applied (as if it never reached
   * Slack: its caller waits until it gives up or dies); resolves with the call once it arrives.
   */
  holdNext(method: string, match: (args: Record<string, any>) => boolean): Promise<SlackCall>;
  /** Messages in a channel, oldest first, in their latest version. */
  messages(channel: string): FakeMessage[];
  /** Resolves with the first call (from `since`) matching, or rejects after `timeoutMs`. */
  waitFor(predicate: (call: SlackCall) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<SlackCall>;
  /** Calls `listener` with every call as it arrives (benchmarks wait on many users at once); returns an unsubscribe. */
  onCall(listener: (call: SlackCall) => void): () => void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(team = { id: 'T1', name: 'Contoso', domain: 'contoso' }): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const users = new Map<string, FakeUser>();
  const failures = new Map<string, Failure[]>();
  const channels = new Map<string, FakeMessage[]>();
  const listeners = new Set<(call: SlackCall) => void>();
  const holds: Array<{ method: string; match: (args: Record<string, any>) => boolean; arrived: (call: SlackCall) => void }> = [];
  let clock = 1_700_000_000;
  let sequence = 0;
  const nextTs = () => `${clock + Math.floor(++sequence / 1000)}.${String(sequence % 1000).padStart(6, '0')}`;

  const answer = (method: string, args: Record<string, any>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${team.domain}.slack.com/`,
          team: team.name,
          user: 'cspbot',
          team_id: team.id,
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage': {
        const message: FakeMessage = {
          channel: args.channel,
          ts: nextTs(),
          text: args.text ?? '',
          blocks: withBlockIds(args.blocks ?? []),
        };
        channels.set(args.channel, [...(channels.get(args.channel) ?? []), message]);
        return { ok: true, channel: args.channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
      }
      case 'chat.update': {
        const message = channels.get(args.channel)?.find((candidate) => candidate.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, { text: args.text ?? message.text, blocks: withBlockIds(args.blocks ?? []) });
        return { ok: true, channel: args.channel, ts: args.ts, text: message.text };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${++sequence}`, team_id: team.id, type: 'modal', hash: `h${sequence}` } };
      case 'views.publish':
        return { ok: true, view: { id: `V${++sequence}`, team_id: team.id, type: 'home', hash: `h${sequence}` } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).split(',')[0]}` } };
      case 'users.info': {
        const user = users.get(args.user);
        return user ? { ok: true, user: profile(user) } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const user = [...users.values()].find((candidate) => candidate.email?.toLowerCase() === String(args.email).toLowerCase());
        return user ? { ok: true, user: profile(user) } : { ok: false, error: 'users_not_found' };
      }
      case 'oauth.v2.access':
        return {
          ok: true,
          app_id: 'A1',
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: `xoxb-${team.id}-installed`,
          bot_user_id: 'UBOT',
          team: { id: team.id, name: team.name },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = parseArgs(await readBody(req), req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? args.token;
    calls.push({ method, args, token, at: Date.now() });
    const hold = holds.findIndex((candidate) => candidate.method === method && candidate.match(args));
    if (hold >= 0) return holds.splice(hold, 1)[0].arrived(calls[calls.length - 1]);
    const failure = failures.get(method)?.shift();
    res.setHeader('content-type', 'application/json');
    if (failure && 'status' in failure) {
      res.writeHead(429, { 'retry-after': String(failure.retryAfter) }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    } else if (failure) {
      res.end(JSON.stringify({ ok: false, error: failure.error }));
    } else {
      res.end(JSON.stringify(answer(method, args)));
    }
    for (const listener of listeners) listener(calls[calls.length - 1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    addUser: (user) => users.set(user.id, user),
    failNext: (method, failure) => failures.set(method, [...(failures.get(method) ?? []), failure]),
    holdNext: (method, match) => new Promise((arrived) => holds.push({ method, match, arrived })),
    messages: (channel) => channels.get(channel) ?? [],
    async waitFor(predicate, { since = 0, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.slice(since).find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no matching Slack call within ${timeoutMs} ms; calls: ${calls
              .slice(since)
              .map((c) => c.method)
              .join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function profile(user: FakeUser) {
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name.toLowerCase(),
    real_name: user.name,
    tz: user.tz ?? 'Asia/Taipei',
    locale: user.locale ?? 'en-US',
    profile: { email: user.email, display_name: user.name, real_name: user.name },
  };
}

/** Slack gives every block a block_id when the app did not. */
function withBlockIds(blocks: any[]): any[] {
  return blocks.map((block, index) => ({ block_id: `b${index}`, ...block }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function parseArgs(body: string, contentType = ''): Record<string, any> {
  const raw: Record<string, any> = contentType.includes('json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body));
  for (const key of ['blocks', 'view', 'attachments']) {
    if (typeof raw[key] === 'string') raw[key] = JSON.parse(raw[key]);
  }
  return raw;
}

/** Block Kit limits every payload must respect; returns a description of each violation. */
export function blockKitViolations(call: SlackCall): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(`${call.method}: ${what}`);
  const inspect = (blocks: any[], max: number) => {
    check(blocks.length <= max, `${blocks.length} blocks > ${max}`);
    const actionIds = new Set<string>();
    for (const block of blocks) {
      if (block.text?.text !== undefined)
        check(block.text.text.length <= (block.type === 'header' ? 150 : 3000), `${block.type} text ${block.text.text.length} chars`);
      if (block.fields) check(block.fields.length <= 10 && block.fields.every((f: any) => f.text.length <= 2000), 'section fields');
      for (const element of [...(block.elements ?? []), ...(block.element ? [block.element] : [])]) {
        if (!element.action_id) continue;
        check(element.action_id.length <= 255, `action_id ${element.action_id.length} chars`);
        check(!actionIds.has(element.action_id), `duplicate action_id ${element.action_id}`);
        actionIds.add(element.action_id);
        if (element.type === 'button') check(element.text.text.length <= 75 && (element.value ?? '').length <= 2000, 'button text/value');
      }
      if (block.type === 'actions') check(block.elements.length <= 25, 'actions elements > 25');
    }
  };
  if (Array.isArray(call.args.blocks)) inspect(call.args.blocks, 50);
  if (call.args.view) {
    inspect(call.args.view.blocks ?? [], 100);
    if (call.args.view.title) check(call.args.view.title.text.length <= 24, 'view title > 24');
    if (call.args.view.submit) check(call.args.view.submit.text.length <= 24, 'view submit > 24');
  }
  return problems;
}
