import { randomUUID } from 'node:crypto';
import type { Notifier } from '../../src/core/notifier.js';
import type { ConnectorCall, FakeConnector } from './fake-connector.js';

/**
 * Plays Teams towards the bot over real HTTP: posts Bot Framework activities to /api/messages
 * (serviceUrl = the fake connector) and reads the cards the bot sent, by what a person sees
 * (button titles, input labels), never by internal ids.
 */
export interface TeamsUser {
  /** The Teams user id (29:…). */
  id: string;
  aadObjectId: string;
  name: string;
  locale?: string;
  /** What the tenant's roster says (the bot asks the Bot Connector for it). */
  email?: string;
}

export interface TeamsConversationRef {
  id: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
}

type Card = Record<string, unknown>;
type CardAction = Record<string, unknown> & { type: string; title?: string };

/** A card the bot sent, with the activity id it now has at the connector. */
export interface SentCard {
  call: ConnectorCall;
  activityId: string;
  conversationId: string;
  card: Card;
}

export const BOT = { id: '28:csp-bot', name: 'CSP bot' };

export function teamsUser(name: string, locale = 'en-US', email?: string): TeamsUser {
  return { id: `29:${name}`, aadObjectId: `aad-${name}`, name, locale, ...(email ? { email } : {}) };
}

export function personalChat(user: TeamsUser): TeamsConversationRef {
  return { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal' };
}

export interface TeamsClient {
  /** Posts an activity, with the channel's token for it unless `headers` has its own authorization ('' for none). */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  activity(user: TeamsUser, conversation: TeamsConversationRef, extra: Record<string, unknown>): Record<string, unknown>;
  /** Types text (a channel message gets the bot's @mention first, as Teams sends it). */
  say(user: TeamsUser, text: string, conversation?: TeamsConversationRef, id?: string): Promise<{ status: number; id: string }>;
  /** Presses a button of a sent card (Action.Execute invoke), filling inputs by label; returns the invoke response. */
  press(
    user: TeamsUser,
    sent: SentCard,
    title: string,
    inputs?: Record<string, string>,
    id?: string,
  ): Promise<{ status: number; body: any }>;
  /** The same press through the Action.Submit fallback (a message with `value`). */
  submit(user: TeamsUser, sent: SentCard, title: string, inputs?: Record<string, string>): Promise<{ status: number }>;
}

/** `sign`: the channel's token for an activity to its serviceUrl (authentication on); without it, activities go unsigned. */
export function createTeamsClient(options: {
  botUrl: string;
  connector: FakeConnector;
  tenantId: string;
  sign?: (serviceUrl: string) => string;
}): TeamsClient {
  const client: TeamsClient = {
    async post(activity, headers = {}) {
      const { authorization = options.sign ? `Bearer ${options.sign(String(activity.serviceUrl))}` : '', ...others } = headers;
      const response = await fetch(`${options.botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...others, ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: text && json ? JSON.parse(text) : text || undefined };
    },
    activity(user, conversation, extra) {
      if (user.email) {
        options.connector.members.set(user.id, {
          id: user.id,
          name: user.name,
          aadObjectId: user.aadObjectId,
          email: user.email,
          userPrincipalName: user.email,
        });
      }
      return {
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: options.connector.url,
        timestamp: new Date().toISOString(),
        from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
        recipient: BOT,
        conversation: { ...conversation, tenantId: options.tenantId, isGroup: conversation.conversationType !== 'personal' },
        channelData: { tenant: { id: options.tenantId } },
        locale: user.locale ?? 'en-US',
        ...extra,
      };
    },
    async say(user, text, conversation = personalChat(user), id = randomUUID()) {
      const mentioned = conversation.conversationType === 'personal' ? {} : mention(text);
      const { status } = await client.post(client.activity(user, conversation, { id, type: 'message', text, ...mentioned }));
      return { status, id };
    },
    async press(user, sent, title, inputs = {}, id = randomUUID()) {
      const action = findAction(sent.card, title, 'Action.Execute');
      const conversation = conversationOf(sent);
      const data = { ...(action.data as object), ...inputValues(sent.card, inputs) };
      return client.post(
        client.activity(user, conversation, {
          id,
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: sent.activityId,
          value: { action: { type: 'Action.Execute', verb: action.verb, data }, trigger: 'manual' },
        }),
      );
    },
    async submit(user, sent, title, inputs = {}) {
      const action = findAction(sent.card, title, 'Action.Execute');
      const fallback = action.fallback as CardAction;
      const value = { ...(fallback.data as object), ...inputValues(sent.card, inputs) };
      const activity = client.activity(user, conversationOf(sent), { type: 'message', replyToId: sent.activityId, value });
      return client.post(activity);
    },
  };
  return client;
}

function mention(text: string) {
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
  };
}

function conversationOf(sent: SentCard): TeamsConversationRef {
  return { id: sent.conversationId, conversationType: sent.conversationId.startsWith('a:') ? 'personal' : 'channel' };
}

/** Every card the bot sent or replaced, in order. */
export function sentCards(calls: ConnectorCall[]): SentCard[] {
  return calls.flatMap((call) => {
    const attachments = (call.body.attachments as Array<{ contentType: string; content: Card }> | undefined) ?? [];
    const activityId = call.kind === 'update' ? call.activityId : call.createdId;
    return attachments
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment) => ({ call, activityId: activityId ?? '', conversationId: call.conversationId ?? '', card: attachment.content }));
  });
}

/** Sends a person the bot knows a proactive card with one "Go" button that no module handles; returns the card as sent. */
export async function sendGoCard(notifier: Notifier, connector: FakeConnector, actorKey: string): Promise<SentCard> {
  const from = connector.calls.length;
  await notifier.notify({ actorKey }, () => ({
    message: {
      blocks: [
        { type: 'text', text: 'Ready?' },
        { type: 'actions', buttons: [{ label: 'Go', actionId: 'nobody.handles', value: '1' }] },
      ],
    },
  }));
  const [card] = sentCards(connector.calls.slice(from).filter((call) => call.kind === 'send'));
  return card;
}

/** Every action on a card a person can press, including those inside confirmation (ShowCard) cards. */
export function cardActions(card: Card): CardAction[] {
  const out: CardAction[] = [];
  // The Universal Actions refresh is invoked by the client itself, not shown as a button.
  walk({ ...card, refresh: undefined }, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) out.push(node as CardAction);
  });
  return out;
}

export function buttonTitles(card: Card): string[] {
  return cardActions(card)
    .filter((action) => action.type !== 'Action.Submit' || !isFallback(card, action))
    .map((action) => action.title ?? '');
}

/** All text a person reads on the card (text blocks, facts, labels, button titles). */
export function cardText(card: Card): string {
  const out: string[] = [];
  walk(card, (node) => {
    if (node.type === 'TextBlock') out.push(String(node.text));
    if (node.type === 'FactSet')
      for (const fact of node.facts as Array<{ title: string; value: string }>) out.push(`${fact.title}: ${fact.value}`);
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) out.push(String(node.label ?? node.title ?? ''));
  });
  return out.join('\n');
}

export function findAction(card: Card, title: string, type: string): CardAction {
  const action = cardActions(card).find((candidate) => candidate.title === title && candidate.type === type);
  if (!action) throw new Error(`no ${type} titled "${title}" on the card; buttons: ${buttonTitles(card).join(', ')}`);
  return action;
}

/** Maps input labels to the card's input ids. */
function inputValues(card: Card, byLabel: Record<string, string>): Record<string, string> {
  const inputs = new Map<string, string>();
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) inputs.set(String(node.label ?? node.title), String(node.id));
  });
  return Object.fromEntries(
    Object.entries(byLabel).map(([label, value]) => {
      const id = inputs.get(label);
      if (!id) throw new Error(`no input labelled "${label}"; inputs: ${[...inputs.keys()].join(', ')}`);
      return [id, value];
    }),
  );
}

function isFallback(card: Card, action: CardAction): boolean {
  return cardActions(card).some((candidate) => candidate.fallback === action);
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}
