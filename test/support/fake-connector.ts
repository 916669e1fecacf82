import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot Connector (the service Teams bots send to), recording every call. Point an
 * activity's `serviceUrl` at `url`. Implements the routes botbuilder's ConnectorClient uses:
 * replies, sends, updates and conversation creation.
 */
export type ConnectorCallKind = 'reply' | 'send' | 'update' | 'create' | 'member' | 'unknown';

/** A person in the tenant's roster, as GET …/members/{id} answers (TeamsChannelAccount). */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  /** The (URL-decoded) conversation id of the route, or the created conversation's id. */
  conversationId?: string;
  /** replyToId for replies, the replaced activity id for updates, the member asked for. */
  activityId?: string;
  /** The id the connector gave the new activity (sends and replies): what a later update names. */
  createdId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  /** The HTTP status the connector answered. */
  status?: number;
}

export interface FakeConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Makes every answer wait this long (a slow Bot Connector); 0 by default. */
  delayMs: number;
  /** Answers the next this many sends, replies and updates with 429 Too Many Requests (Retry-After: 1). */
  throttle: number;
  /** When set, a call whose Authorization this refuses is answered 401 (as the Bot Connector does without the bot's token). */
  authorize?: (authorization: string | undefined) => boolean;
  /** Refuses POST /v3/conversations with 403 (Teams does so when the app is not installed for the person). */
  refuseConversations: boolean;
  /** The roster, by Teams user id: who GET /v3/conversations/{id}/members/{userId} finds. */
  readonly members: Map<string, RosterMember>;
  /** Resolves with the first call (from `from` on) that matches, waiting up to `timeoutMs`. */
  waitFor(match: (call: ConnectorCall) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<ConnectorCall>;
  /** Waits until no call has arrived for `quietMs`, counted from now at the earliest. */
  settle(quietMs?: number): Promise<void>;
  close(): Promise<void>;
}

const ROUTES: Array<{ method: string; pattern: RegExp; kind: ConnectorCallKind }> = [
  { method: 'POST', pattern: /^\/v3\/conversations\/?$/, kind: 'create' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/?$/, kind: 'send' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'reply' },
  { method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'update' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/, kind: 'member' },
];

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let sequence = 0;
  let lastCallAt = Date.now();
  const listeners = new Set<() => void>();

  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    if (connector.delayMs) await new Promise((resolve) => setTimeout(resolve, connector.delayMs));
    const path = (req.url ?? '').split('?')[0];
    const route = ROUTES.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
    const match = route?.pattern.exec(path);
    const call: ConnectorCall = {
      kind: route?.kind ?? 'unknown',
      method: req.method ?? '',
      path,
      conversationId: match?.[1] && decodeURIComponent(match[1]),
      activityId: match?.[2] && decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      body,
    };
    if (connector.authorize && !connector.authorize(call.authorization)) {
      call.status = 401;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'Unauthorized' } }));
      return record(call);
    }
    if (connector.throttle > 0 && ['send', 'reply', 'update'].includes(call.kind)) {
      connector.throttle--;
      call.status = 429;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { code: 'Throttled' } }));
      return record(call);
    }
    const [status, answer] = answerFor(call);
    call.status = status;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    record(call);
  });

  /** The Bot Connector's answer to a call (status, JSON body); fills in the ids it gives out. */
  function answerFor(call: ConnectorCall): [number, unknown] {
    switch (call.kind) {
      case 'create':
        if (connector.refuseConversations) return [403, { error: { code: 'Forbidden', message: 'The bot is not installed for the user' } }];
        call.conversationId = `a:created-${++sequence}`;
        return [200, { id: call.conversationId, activityId: `created-activity-${sequence}` }];
      case 'update':
        return [200, { id: call.activityId }];
      case 'member': {
        const member = connector.members.get(call.activityId ?? '');
        return member ? [200, member] : [404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } }];
      }
      case 'send':
      case 'reply':
        call.createdId = `bot-activity-${++sequence}`;
        return [200, { id: call.createdId }];
      default:
        return [404, { error: { code: 'NotFound', message: call.path } }];
    }
  }

  function record(call: ConnectorCall): void {
    calls.push(call);
    lastCallAt = Date.now();
    for (const listener of listeners) listener();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const connector: FakeConnector = {
    url,
    calls,
    delayMs: 0,
    throttle: 0,
    refuseConversations: false,
    members: new Map(),
    waitFor(match, { from = 0, timeoutMs = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.slice(from).find(match);
          if (!found) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `no matching Bot Connector call within ${timeoutMs} ms; calls: ${JSON.stringify(calls.slice(from).map((c) => `${c.method} ${c.path}`))}`,
            ),
          );
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
    async settle(quietMs = 400) {
      const since = Date.now();
      while (Date.now() - Math.max(lastCallAt, since) < quietMs) await new Promise((r) => setTimeout(r, quietMs / 4));
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return connector;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { raw: text };
  }
}
