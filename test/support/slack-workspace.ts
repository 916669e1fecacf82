import { createHmac, randomUUID } from 'node:crypto';
import pino from 'pino';
import { startBot, type RunningBot } from '../../app/bot.js';
import { loadConfig } from '../../src/config.js';
import { testDatabaseUri } from './database.js';
import { startFakeSlackApi, type FakeMessage, type FakeSlackApi, type SlackCall } from './fake-slack-api.js';

export const SIGNING_SECRET = 'slack-test-signing-secret';
export const TEAM = 'T1';

/** Slack's request signature: v0= + hex HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

/** Everything a user sees of a Slack message: texts, fields, headers, button labels. */
export function readableSlack(blocks: any[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.text?.text) out.push(block.text.text);
    for (const field of block.fields ?? []) out.push(field.text);
    for (const element of block.elements ?? []) out.push(element.text?.text ?? element.text ?? '');
    if (block.label?.text) out.push(block.label.text);
  }
  return out.join('\n');
}

export const buttonsOf = (blocks: any[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).filter((element: any) => element.type === 'button');

/** The form body Slack posts for `/csp <text>` typed by `userId` in their DM (benchmarks sign it per request). */
export function slashCommandBody(teamId: string, userId: string, text: string): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: teamId,
    team_domain: 'contoso',
    channel_id: `D${userId}`,
    channel_name: 'directmessage',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/csp',
    text,
    api_app_id: 'A1',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: `trig-${randomUUID()}`,
  }).toString();
}

/** The `block_actions` payload of pressing the button labelled `label` on `message` (send it as `payload=`). */
export function buttonPressPayload(
  teamId: string,
  userId: string,
  message: FakeMessage,
  label: string | RegExp,
  actionTs: string,
): Record<string, unknown> {
  const button = buttonsOf(message.blocks).find((b: any) => (typeof label === 'string' ? b.text.text === label : label.test(b.text.text)));
  if (!button) throw new Error(`no button "${label}" in: ${readableSlack(message.blocks)}`);
  const block = message.blocks.find((b: any) => b.type === 'actions' && b.elements.includes(button));
  return {
    type: 'block_actions',
    team: { id: teamId, domain: 'contoso' },
    user: { id: userId, username: userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A1',
    token: 'legacy',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `trig-${randomUUID()}`,
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, text: message.text, user: 'UBOT', bot_id: 'BBOT', blocks: message.blocks },
    response_url: 'http://127.0.0.1:9/unused',
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: block.block_id,
        text: button.text,
        value: button.value,
        style: button.style,
        action_ts: actionTs,
      },
    ],
  };
}

/** Acts as Slack towards the bot: signed slash commands, DM events, button presses, modal submissions. */
export class SlackWorkspace {
  private seq = 0;
  constructor(
    readonly botUrl: string,
    readonly fake: FakeSlackApi,
    readonly teamId = TEAM,
  ) {}

  async send(kind: 'json' | 'form', body: string, options: SendOptions = {}): Promise<Response> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    return fetch(`${this.botUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
        ...options.headers,
      },
      body,
    });
  }

  command(userId: string, text: string, options?: SendOptions): Promise<Response> {
    return this.send('form', slashCommandBody(this.teamId, userId, text), options);
  }

  event(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`, options?: SendOptions): Promise<Response> {
    const body = {
      token: 'legacy',
      team_id: this.teamId,
      api_app_id: 'A1',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
    };
    return this.send('json', JSON.stringify(body), options);
  }

  dm(userId: string, text: string, eventId?: string, options?: SendOptions): Promise<Response> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    return this.event(
      { type: 'message', channel: `D${userId}`, channel_type: 'im', user: userId, text, ts, event_ts: ts },
      eventId,
      options,
    );
  }

  openHome(userId: string, eventId?: string): Promise<Response> {
    return this.event(
      { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home', event_ts: `${Date.now() / 1000}` },
      eventId,
    );
  }

  interactive(payload: Record<string, unknown>, options?: SendOptions): Promise<Response> {
    return this.send('form', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), options);
  }

  /** Presses the button labelled `label` (exact or matching) on a message; `actionTs` lets a test repeat one press. */
  press(userId: string, message: FakeMessage, label: string | RegExp, actionTs = `${Date.now() / 1000}${++this.seq}`): Promise<Response> {
    return this.interactive(buttonPressPayload(this.teamId, userId, message, label, actionTs));
  }

  /** Submits the modal opened by `openCall` (a views.open call) with values by field label (or field id). */
  submit(userId: string, openCall: SlackCall, byLabel: Record<string, string | boolean>): Promise<Response> {
    const view = openCall.args.view;
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks.filter((b: any) => b.type === 'input')) {
      const element = block.element;
      const given = byLabel[block.label.text] ?? byLabel[block.block_id];
      const value = given === undefined ? (element.initial_value ?? null) : given;
      values[block.block_id] = {
        [element.action_id]:
          element.type === 'checkboxes'
            ? { type: 'checkboxes', selected_options: value === true || value === 'true' ? element.options : [] }
            : element.type === 'static_select'
              ? {
                  type: 'static_select',
                  selected_option: element.options.find((o: any) => o.value === value || o.text.text === value) ?? null,
                }
              : { type: element.type, value },
      };
    }
    return this.interactive({
      type: 'view_submission',
      team: { id: this.teamId, domain: 'contoso' },
      user: { id: userId, username: userId.toLowerCase(), team_id: this.teamId },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trig-${randomUUID()}`,
      view: { ...view, id: 'VMODAL', team_id: this.teamId, state: { values }, hash: 'h1' },
      response_urls: [],
    });
  }

  /** The newest message in the user's DM whose text matches, waiting for it to arrive. */
  async waitForDm(userId: string, pattern: RegExp, timeoutMs = 10_000): Promise<FakeMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.fake.messages(`D${userId}`)].reverse().find((m) => pattern.test(readableSlack(m.blocks)));
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.fake
          .messages(`D${userId}`)
          .map((m) => readableSlack(m.blocks))
          .join('\n---\n');
        throw new Error(`no DM to ${userId} matching ${pattern} within ${timeoutMs} ms; DMs:\n${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export interface SlackTestBot {
  bot: RunningBot;
  fake: FakeSlackApi;
  slack: SlackWorkspace;
  stop(): Promise<void>;
}

/** The real bot (app/bot.ts) on a fresh database, talking to a fake Slack Web API. */
export async function startSlackTestBot(env: Record<string, string> = {}): Promise<SlackTestBot> {
  const fake = await startFakeSlackApi();
  const config = loadConfig({
    PORT: '0',
    MONGODB_URI: testDatabaseUri('slack'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: fake.url,
    DEMO: 'off',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const bot = await startBot(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  return {
    bot,
    fake,
    slack: new SlackWorkspace(bot.url, fake),
    async stop() {
      // Let acknowledged work finish (its Web API calls stop arriving) before the database goes away.
      await bot.idle();
      for (let seen = -1; seen !== fake.calls.length;) {
        seen = fake.calls.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await bot.database.connection.dropDatabase().catch(() => undefined);
      await bot.stop();
      await fake.close();
    },
  };
}
