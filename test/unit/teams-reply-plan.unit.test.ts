import { isInteractive, isPersonal } from '../../adapters/shared/interactive.js';
import { planReplies } from '../../adapters/teams/reply-plan.js';
import { createCardSender, splitToFit } from '../../adapters/teams/card-sender.js';
import type { Message, Reply } from '../../src/core/replies.js';
import { buttonTitles, cardText } from '../support/teams-client.js';

const form: Message = {
  blocks: [
    {
      type: 'form',
      formId: 'enrollment.contact',
      title: 'Primary contact',
      submitLabel: 'Continue',
      fields: [
        { id: 'email', label: 'Work email', kind: 'email', error: 'old error' },
        { id: 'phone', label: 'Phone', kind: 'tel' },
      ],
    },
  ],
};
const buttons: Message = { blocks: [{ type: 'actions', buttons: [{ label: 'Approve', actionId: 'a.b', value: '1' }] }] };
const note = (text: string): Message => ({ blocks: [{ type: 'text', text }] });
const submission = {
  kind: 'form' as const,
  formId: 'enrollment.contact',
  values: { email: 'mei@', phone: '+886 2 1234 5678' },
  messageId: 'm1',
};

describe('planReplies', () => {
  it('replaces the pressed card with the update for it, and posts the rest', () => {
    const replies: Reply[] = [
      { type: 'update', messageId: 'm1', message: note('Approved') },
      { type: 'update', messageId: 'm9', message: note('Elsewhere') },
      { type: 'post', message: note('Next step') },
    ];
    expect(planReplies(replies, submission, { messageId: 'm1', message: form })).toEqual({
      pressed: { message: note('Approved'), readOnly: false },
      updates: [{ messageId: 'm9', message: note('Elsewhere') }],
      posts: [note('Next step')],
    });
  });

  it('keeps a pressed card without an update, minus its buttons', () => {
    expect(planReplies([{ type: 'post', message: note('Done') }], submission, { messageId: 'm1', message: buttons }).pressed).toEqual({
      message: buttons,
      readOnly: true,
    });
  });

  it('shows form errors on the pressed form, keeping what was typed and clearing old errors', () => {
    const plan = planReplies([{ type: 'form-errors', formId: 'enrollment.contact', errors: { email: 'Enter a work email' } }], submission, {
      messageId: 'm1',
      message: form,
    });
    const block = plan.pressed?.message.blocks[0];
    expect(plan.pressed?.readOnly).toBe(false);
    expect(block?.type === 'form' && block.fields).toEqual([
      { id: 'email', label: 'Work email', kind: 'email', value: 'mei@', error: 'Enter a work email' },
      { id: 'phone', label: 'Phone', kind: 'tel', value: '+886 2 1234 5678' },
    ]);
  });

  it('says form errors in a message when the form is not on the pressed card', () => {
    const plan = planReplies([{ type: 'form-errors', formId: 'other', errors: { x: 'Wrong' } }], submission, {
      messageId: 'm1',
      message: buttons,
    });
    expect(plan.posts).toEqual([note('Wrong')]);
  });

  it('tells interactive messages from plain ones', () => {
    expect(isInteractive(form)).toBe(true);
    expect(isInteractive(buttons)).toBe(true);
    expect(isInteractive(note('hi'))).toBe(false);
  });

  it('counts a message as personal unless its buttons only show something', () => {
    const showing = {
      blocks: [{ type: 'actions' as const, buttons: [{ label: 'Details', actionId: 'x.expand', value: '1', onlyShows: true }] }],
    };
    expect(isInteractive(showing)).toBe(true);
    expect(isPersonal(showing)).toBe(false);
    expect(isPersonal(buttons)).toBe(true);
    expect(isPersonal(form)).toBe(true);
    expect(isPersonal(note('hi'))).toBe(false);
  });
});

describe('user-specific card views', () => {
  const sender = createCardSender({ cards: { save: async () => undefined, get: async () => undefined }, clock: { now: () => new Date() } });

  it('in a shared conversation, only the actor sees the actionable card; everyone else a read-only one', () => {
    const card = sender.sentCard(buttons, { shared: true, actorTeamsId: '29:mei' });
    expect(card.userIds).toEqual(['29:mei']);
    expect(buttonTitles(sender.view(card, '29:mei'))).toEqual(['Approve']);
    expect(sender.view(card, '29:mei').refresh).toMatchObject({ userIds: ['29:mei'] });
    expect(buttonTitles(sender.view(card, '29:lin'))).toEqual([]);
    expect(buttonTitles(sender.view(card))).toEqual([]);
    expect(sender.view(card).refresh).toMatchObject({ userIds: ['29:mei'] });
  });

  it('in a personal chat, the card is actionable as sent', () => {
    const card = sender.sentCard(buttons, { shared: false, actorTeamsId: '29:mei' });
    expect(card.userIds).toBeUndefined();
    expect(buttonTitles(sender.view(card))).toEqual(['Approve']);
  });

  it('a used card is read-only for everyone', () => {
    const card = sender.sentCard(form, { shared: true, actorTeamsId: '29:mei' }, true);
    expect(buttonTitles(sender.view(card, '29:mei'))).toEqual([]);
    expect(cardText(sender.view(card, '29:mei'))).toContain('Work email');
  });
});

describe('splitToFit', () => {
  it('keeps a message that fits whole, and splits a long one at block boundaries into cards that fit', () => {
    expect(splitToFit(buttons)).toEqual([buttons]);
    const long: Message = {
      blocks: Array.from({ length: 40 }, (_, i) => ({ type: 'text' as const, text: `Customer ${i}: ${'x'.repeat(900)}` })),
    };
    const parts = splitToFit(long, 10_000);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.flatMap((part) => part.blocks)).toEqual(long.blocks);
    for (const part of parts)
      expect(
        JSON.stringify(
          createCardSender({ cards: { save: async () => undefined, get: async () => undefined }, clock: { now: () => new Date() } }).view({
            message: part,
          }),
        ).length,
      ).toBeLessThanOrEqual(10_000);
  });
});
