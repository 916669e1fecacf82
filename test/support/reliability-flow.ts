import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import { randomUUID } from 'node:crypto';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { encodeConversationId } from '../../adapters/teams/conversation-id.js';
import { usAnswersFor } from './enrollment-driver.js';
import type { Cluster } from './reliability-cluster.js';
import { sleep } from './reliability-scale.js';
import { buttonsOf } from './slack-workspace.js';
import type { FakeMessage } from './fake-slack-api.js';
import { TENANT } from './teams-bot.js';
import { buttonTitles, personalChat, sentCards, teamsUser, type TeamsUser } from './teams-client.js';

/**
 * One person enrolling a reseller through a real chat transport (Slack DMs or Teams messages),
 * against a cluster of bot processes. Every step is delivered by a `Deliver` strategy (to several
 * processes, with platform retries, around crashes); progress is read from what the person sees
 * (the bot's messages) and confirmed in the stored dialog.
 */
export type Send = (process: number, attempt: number) => Promise<number>;
/** Delivers one platform event (same id every time) however the scenario wants; returns how many HTTP deliveries it made. */
export type Deliver = (send: Send) => Promise<number>;

const SUBMIT_LABEL = createTranslator(catalogs, 'en')('enrollment.button.submit');

export interface FlowUser {
  readonly name: string;
  readonly platform: 'slack' | 'teams';
  readonly actorKey: string;
  readonly dialogKey: string;
  readonly email: string;
  /** How many messages the bot has posted to this person so far. */
  botMessages(): number;
  /** The readable texts of those messages. */
  texts(): string[];
  say(cluster: Cluster, text: string, eventId: string, process: number, attempt: number): Promise<number>;
  pressSubmit(cluster: Cluster, eventId: string, process: number, attempt: number): Promise<number>;
  /** Whether the person sees a message with the submit button. */
  submitVisible(): boolean;
}

export function slackFlowUser(cluster: Cluster, userId: string): FlowUser {
  const email = `${userId.toLowerCase()}@contoso-rel.example`;
  cluster.fake.addUser({ id: userId, teamId: 'T1', name: userId, locale: 'en-US', tz: 'Asia/Taipei' });
  const channel = `D${userId}`;
  const pressedMessages = new Map<string, FakeMessage>();
  const retryHeaders = (attempt: number): Record<string, string> =>
    attempt > 0 ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': attempt === 1 ? 'http_timeout' : 'http_error' } : {};
  const submitMessage = () =>
    [...cluster.fake.messages(channel)]
      .reverse()
      .find((candidate) => buttonsOf(candidate.blocks).some((button: any) => button.text.text === SUBMIT_LABEL));
  return {
    name: userId,
    platform: 'slack',
    actorKey: `slack:T1:${userId}`,
    dialogKey: `slack:T1:${userId}|slack:T1:${channel}`,
    email,
    botMessages: () => cluster.fake.messages(channel).length,
    texts: () => cluster.fake.messages(channel).map((message) => JSON.stringify(message.blocks)),
    async say(c, text, eventId, process, attempt) {
      const response = await c.slack(process).dm(userId, text, eventId, { headers: retryHeaders(attempt) });
      return response.status;
    },
    submitVisible: () => Boolean(submitMessage()),
    async pressSubmit(c, eventId, process) {
      // Slack resends a press as it was: every delivery of one event presses the message first pressed, even
      // after an earlier delivery's answer replaced it (looking it up again raced with that update).
      // A copy: the fake Slack API updates its messages in place when the bot replaces them.
      const shown = submitMessage();
      const message = pressedMessages.get(eventId) ?? (shown && structuredClone(shown));
      if (!message) throw new Error(`${userId}: no message with "${SUBMIT_LABEL}"`);
      pressedMessages.set(eventId, message);
      return (await c.slack(process).press(userId, message, SUBMIT_LABEL, eventId)).status;
    },
  };
}

export function teamsFlowUser(cluster: Cluster, name: string): FlowUser {
  const user: TeamsUser = teamsUser(name);
  const conversation = personalChat(user);
  const pressedCards = new Map<string, NonNullable<ReturnType<typeof submitCard>>>();
  const submitCard = () =>
    [...sentCards(cluster.connector.calls).filter((sent) => sent.conversationId === conversation.id)]
      .reverse()
      .find((candidate) => buttonTitles(candidate.card).includes(SUBMIT_LABEL));
  const mine = () =>
    cluster.connector.calls.filter((call) => call.conversationId === conversation.id && (call.kind === 'reply' || call.kind === 'send'));
  return {
    name,
    platform: 'teams',
    actorKey: `teams:${TENANT}:${user.aadObjectId}`,
    dialogKey: `teams:${TENANT}:${user.aadObjectId}|${encodeConversationId(TENANT, conversation.id)}`,
    email: `${name.toLowerCase()}@contoso-rel.example`,
    botMessages: () => mine().length,
    texts: () => mine().map((call) => JSON.stringify(call.body.attachments ?? call.body.text ?? '')),
    async say(c, text, eventId, process) {
      return (await c.teams(process).say(user, text, conversation, eventId)).status;
    },
    submitVisible: () => Boolean(submitCard()),
    async pressSubmit(c, eventId, process) {
      // As for Slack: every delivery of one press acts on the card first pressed.
      const sent = pressedCards.get(eventId) ?? submitCard();
      if (!sent) throw new Error(`${name}: no card with "${SUBMIT_LABEL}"`);
      pressedCards.set(eventId, sent);
      return (await c.teams(process).press(user, sent, SUBMIT_LABEL, {}, eventId)).status;
    },
  };
}

/** What the stored dialog must say after each step of the new-reseller path. */
export function enrollmentSteps(user: FlowUser): Array<{ kind: 'say' | 'submit'; text: string; after: string | null }> {
  const answers = usAnswersFor(user.email).map(([field, text]) => (field === 'legalName' ? [field, `${user.name} Ltd.`] : [field, text]));
  return [
    { kind: 'say', text: 'enroll', after: 'welcome' },
    { kind: 'say', text: 'start', after: answers[0][0] },
    ...answers.map(([, text], index) => ({ kind: 'say' as const, text, after: answers[index + 1]?.[0] ?? 'summary' })),
    { kind: 'submit', text: SUBMIT_LABEL, after: null },
  ];
}

export interface FlowOptions {
  deliver: Deliver;
  /** How long to wait for the bot's answer before the person acts again. */
  stepTimeoutMs: number;
  /** How often the person may try a step again (a new event: retyping, pressing again) before the flow counts as failed. */
  retypes: number;
  /** Only steps [from, to) of the flow (default: all). */
  range?: [number, number];
}

export interface FlowResult {
  steps: number;
  deliveries: number;
  retyped: number;
  completed: boolean;
  error?: string;
}

/** Runs the whole enrollment for one person; never throws (the result says how far it got). */
export async function runEnrollment(cluster: Cluster, user: FlowUser, options: FlowOptions): Promise<FlowResult> {
  const result: FlowResult = { steps: 0, deliveries: 0, retyped: 0, completed: false };
  const dialogOf = () => latestDialog(cluster.db.connection, user.dialogKey);
  const stepNow = async () => ((await dialogOf())?.state as { step?: string } | null)?.step ?? null;
  try {
    for (const step of enrollmentSteps(user).slice(...(options.range ?? []))) {
      let done = false;
      for (let attempt = 0; !done; attempt++) {
        if (attempt > options.retypes) throw new Error(`step "${step.text}" never took effect (dialog at ${await stepNow()})`);
        if (attempt > 0) result.retyped++;
        if (step.kind === 'submit' && !user.submitVisible()) {
          // The summary never reached the person (the process died before posting it): they ask where they are.
          const before = user.botMessages();
          const id = `Ev${randomUUID().slice(0, 12)}`;
          result.deliveries += await options.deliver((process, n) => user.say(cluster, 'status', id, process, n));
          await waitForMore(user, before, options.stepTimeoutMs);
          continue;
        }
        const eventId = step.kind === 'submit' ? `${Date.now() / 1000}${randomUUID().slice(0, 6)}` : `Ev${randomUUID().slice(0, 12)}`;
        const before = user.botMessages();
        result.deliveries += await options.deliver((process, n) =>
          step.kind === 'submit' ? user.pressSubmit(cluster, eventId, process, n) : user.say(cluster, step.text, eventId, process, n),
        );
        await waitForMore(user, before, options.stepTimeoutMs);
        done = (await stepNow()) === step.after;
        if (!done && user.botMessages() > before) {
          // An answer arrived but the dialog is not there yet (e.g. "busy, send again"): give the save a moment.
          await sleep(300);
          done = (await stepNow()) === step.after;
        }
      }
      result.steps++;
    }
    result.completed = true;
  } catch (error) {
    const last = user
      .texts()
      .slice(-3)
      .map((text) => text.slice(0, 300));
    const dialog = await dialogOf().catch(() => undefined);
    const app = await cluster.db.connection
      .collection('applications')
      .findOne({ 'applicant.actorKey': user.actorKey })
      .catch(() => null);
    const where = `dialog v${dialog?.version} at ${(dialog?.state as { step?: string } | null)?.step}, application ${app?.state?.status ?? 'none'}`;
    result.error = `${user.name}: ${(error as Error).message} (${where}, ${user.botMessages()} messages); last: ${last.join(' | ')}`;
  }
  return result;
}

async function waitForMore(user: FlowUser, before: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (user.botMessages() <= before && Date.now() < deadline) await sleep(50);
}

/** The messages a person received more than once: the same content posted again (each repeat listed). */
export function duplicatedMessages(user: FlowUser): string[] {
  const seen = new Set<string>();
  const repeats: string[] = [];
  // Form buttons carry a fresh random key per rendering: the same reply rendered twice differs only there.
  for (const text of user.texts().map((json) => json.replace(/f_[A-Za-z0-9_-]{16}/g, 'f_*'))) {
    if (seen.has(text)) repeats.push(text.slice(0, 300));
    seen.add(text);
  }
  return repeats;
}
