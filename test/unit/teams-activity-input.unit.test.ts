import type { Activity } from 'botbuilder';
import { actorOf, conversationOf, invokeInput, isShared, messageInput } from '../../adapters/teams/activity-input.js';
import { inputId } from '../../adapters/shared/adaptive-card.js';

const bot = { id: '28:bot', name: 'CSP bot' };
const base = (extra: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  from: { id: '29:mei', name: 'Mei', aadObjectId: 'aad-mei' },
  recipient: bot,
  conversation: { id: 'a:chat', conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
  locale: 'zh-TW',
  ...extra,
});

describe('Teams activities as neutral input', () => {
  it('identifies the actor by tenant and Entra object id, in the activity locale', () => {
    expect(actorOf(base())).toEqual({ platform: 'teams', workspaceId: 'tenant-1', userId: 'aad-mei', displayName: 'Mei', locale: 'zh-TW' });
    expect(actorOf(base({ locale: 'en-GB' })).locale).toBe('en');
    expect(conversationOf(base())).toBe('teams:tenant-1:a:chat');
  });

  it('reads the tenant from channelData when the conversation has none', () => {
    const activity = base({
      conversation: { id: '19:x', isGroup: true, conversationType: 'channel', name: '' },
      channelData: { tenant: { id: 'tenant-2' } },
    });
    expect(actorOf(activity).workspaceId).toBe('tenant-2');
    expect(isShared(activity)).toBe(true);
    expect(isShared(base())).toBe(false);
  });

  it('treats a tenant id that is not a string as missing, and encodes one with a colon', () => {
    const numeric = base({
      conversation: { id: 'a:chat', conversationType: 'personal', isGroup: false, name: '' },
      channelData: { tenant: { id: 5 } },
    });
    expect(actorOf(numeric).workspaceId).toBe('no-tenant');
    expect(conversationOf(base({ conversation: { ...base().conversation!, tenantId: 'a:b' } }))).toBe('teams:a%3Ab:a:chat');
  });

  it('reads the text of a message without a recipient', () => {
    expect(messageInput(base({ recipient: undefined, text: 'help' }))).toEqual({ kind: 'message', text: 'help' });
  });

  it('turns typed text into a message, without the bot @mention', () => {
    expect(messageInput(base({ text: 'invite-reseller alice@contoso.com Welcome!' }))).toEqual({
      kind: 'message',
      text: 'invite-reseller alice@contoso.com Welcome!',
    });
    const mentioned = base({
      text: '<at>CSP bot</at> help',
      entities: [{ type: 'mention', text: '<at>CSP bot</at>', mentioned: bot } as never],
    });
    expect(messageInput(mentioned)).toEqual({ kind: 'message', text: 'help' });
    expect(messageInput(base({ text: '   ' }))).toBeUndefined();
  });

  it('turns an Action.Submit message into a press or a form submission on the card it came from', () => {
    expect(messageInput(base({ replyToId: 'card-1', value: { actionId: 'partnership.accept', value: 'inv1' } }))).toEqual({
      kind: 'action',
      actionId: 'partnership.accept',
      value: 'inv1',
      messageId: 'card-1',
    });
    const value = { formId: 'enrollment.company', [inputId('enrollment.company', 'legalName')]: 'Contoso' };
    expect(messageInput(base({ replyToId: 'card-2', value }))).toEqual({
      kind: 'form',
      formId: 'enrollment.company',
      values: { legalName: 'Contoso' },
      messageId: 'card-2',
    });
  });

  it('turns Action.Execute data into a press', () => {
    expect(invokeInput({ actionId: 'customer.approve', value: 'rel1' }, 'card-3')).toEqual({
      kind: 'action',
      actionId: 'customer.approve',
      value: 'rel1',
      messageId: 'card-3',
    });
    expect(invokeInput({ card: 'refresh' }, 'card-3')).toBeUndefined();
  });
});
