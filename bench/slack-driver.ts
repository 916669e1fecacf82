import { randomUUID } from 'node:crypto';
import type { FakeMessage, FakeSlackApi, SlackCall } from '../test/support/fake-slack-api.js';
import { busyText } from '../adapters/shared/busy-notice.js';
import { buttonPressPayload, buttonsOf, readableSlack, SlackWorkspace } from '../test/support/slack-workspace.js';

type MessageTest = (message: FakeMessage) => boolean;

interface Waiter {
  test: MessageTest;
  resolve(message: FakeMessage): void;
  reject(error: Error): void;
}

/** The bot's refusal of an answer (validation error, busy, failure): the flow did not advance. */
const isRefusal = (message: FakeMessage) => /^\s*⚠️/.test(readableSlack(message.blocks));

/** A message with a button labelled so (exactly, or matching). */
export const withButton =
  (label: string | RegExp): MessageTest =>
  (message) =>
    buttonsOf(message.blocks).some((b: any) => (typeof label === 'string' ? b.text.text === label : label.test(b.text.text)));
export const withText =
  (pattern: RegExp): MessageTest =>
  (message) =>
    pattern.test(readableSlack(message.blocks));
export const anyMessage: MessageTest = () => true;

/** The bot's "too busy, retry in a moment" (its turn queue was full): the user sends the same again. */
class Busy extends Error {}
const BUSY_MARK = busyText('en').slice(0, 40);
/** A person told "busy, try again in a moment" retries a few seconds later (3–8 s here), not all in the same second. */
const retryAfterBusyMs = () => 3_000 + Math.random() * 5_000;

/**
 * Drives many Slack users at once through SlackWorkspace (signed requests) and waits for the bot's
 * answers by listening to the fake Web API, instead of polling it per user.
 */
export class SlackDriver {
  readonly workspace: SlackWorkspace;
  private readonly byChannel = new Map<string, Waiter[]>();
  private readonly modals = new Map<string, (call: SlackCall) => void>();
  /** Steps sent again because the bot answered "busy". */
  busyRetries = 0;

  /** `timeoutMs`: how long one step may wait for the bot's answer before it counts as an error. */
  constructor(
    botUrl: string,
    fake: FakeSlackApi,
    private readonly timeoutMs = 60_000,
  ) {
    this.workspace = new SlackWorkspace(botUrl, fake);
    fake.onCall((call) => {
      if (call.method === 'views.open') return this.modals.get(call.args.trigger_id)?.(call);
      if (call.method === 'chat.postEphemeral') return this.byChannel.get(`D${call.args.user}`)?.shift()?.reject(new Busy());
      // New messages only: the bot also updates the pressed message ("✓ Done"), which answers nothing.
      if (call.method !== 'chat.postMessage') return;
      const waiters = this.byChannel.get(call.args.channel);
      if (!waiters?.length) return;
      const messages = fake.messages(call.args.channel);
      const message = messages[messages.length - 1];
      if (isRefusal(message)) return waiters.shift()?.reject(new Error(`refused: ${readableSlack(message.blocks).slice(0, 120)}`));
      const index = waiters.findIndex((waiter) => waiter.test(message));
      if (index >= 0) waiters.splice(index, 1)[0].resolve(message);
    });
  }

  /**
   * Sends, then resolves with the first message posted to the user's DM after sending that passes `test`;
   * rejects on a refusal. A "busy" answer (in the acknowledgement or as an ephemeral message) is sent again
   * a few seconds later, as a person would.
   */
  async expect(userId: string, test: MessageTest, send: () => Promise<Response>, timeoutMs = this.timeoutMs): Promise<FakeMessage> {
    for (;;) {
      try {
        return await this.expectOnce(userId, test, send, timeoutMs);
      } catch (error) {
        if (!(error instanceof Busy)) throw error;
        this.busyRetries++;
        await new Promise((resolve) => setTimeout(resolve, retryAfterBusyMs()));
      }
    }
  }

  private async expectOnce(userId: string, test: MessageTest, send: () => Promise<Response>, timeoutMs: number): Promise<FakeMessage> {
    const channel = `D${userId}`;
    let waiter!: Waiter;
    const arrived = new Promise<FakeMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.byChannel.set(
          channel,
          (this.byChannel.get(channel) ?? []).filter((w) => w !== waiter),
        );
        reject(new Error(`no matching DM to ${userId} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiter = {
        test,
        resolve: (message) => (clearTimeout(timer), resolve(message)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
    // The "busy" notice may come (as an ephemeral message) before the request is answered: handled when awaited below.
    arrived.catch(() => undefined);
    this.byChannel.set(channel, [...(this.byChannel.get(channel) ?? []), waiter]);
    const response = await send();
    if (response.status !== 200) throw new Error(`Slack request answered ${response.status}`);
    // A slash command's acknowledgement (an ephemeral response) or a modal's (a field error) carries the notice itself.
    const body = await response.text();
    if (body.includes(BUSY_MARK)) {
      this.byChannel.set(
        channel,
        (this.byChannel.get(channel) ?? []).filter((w) => w !== waiter),
      );
      waiter.reject(new Busy());
    }
    return arrived;
  }

  command(userId: string, text: string, test: MessageTest = anyMessage) {
    return this.expect(userId, test, () => this.workspace.command(userId, text));
  }

  say(userId: string, text: string, test: MessageTest = anyMessage) {
    return this.expect(userId, test, () => this.workspace.dm(userId, text));
  }

  press(userId: string, message: FakeMessage, label: string | RegExp, test: MessageTest = anyMessage) {
    return this.expect(userId, test, () => this.workspace.press(userId, message, label));
  }

  /** Presses a button that opens a form and resolves with the views.open call (the modal). */
  async openForm(userId: string, message: FakeMessage, label: string | RegExp, timeoutMs = this.timeoutMs): Promise<SlackCall> {
    const payload = buttonPressPayload(this.workspace.teamId, userId, message, label, `${Date.now() / 1000}${randomUUID().slice(0, 6)}`);
    const trigger = String(payload.trigger_id);
    const opened = new Promise<SlackCall>((resolve, reject) => {
      const timer = setTimeout(() => (this.modals.delete(trigger), reject(new Error(`no modal for ${userId}`))), timeoutMs);
      this.modals.set(trigger, (call) => (clearTimeout(timer), this.modals.delete(trigger), resolve(call)));
    });
    const response = await this.workspace.interactive(payload);
    if (response.status !== 200) throw new Error(`button press answered ${response.status}`);
    return opened;
  }
}
