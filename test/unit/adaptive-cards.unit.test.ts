import { inputId, readCardSubmission, renderAdaptiveCard } from '../../adapters/shared/adaptive-card.js';
import type { FormBlock, Message } from '../../src/core/replies.js';
import { adaptiveCardProblems } from '../support/adaptive-cards.js';
import { buttonTitles, cardActions, cardText, findAction } from '../support/teams-client.js';

const company: FormBlock = {
  type: 'form',
  formId: 'enrollment.company',
  title: 'Your company',
  submitLabel: 'Continue',
  fields: [
    { id: 'legalName', label: 'Legal name', kind: 'text', required: true, error: 'Enter the legal name' },
    { id: 'email', label: 'Work email', kind: 'email', hint: 'you@contoso.com', value: 'mei@contoso' },
    { id: 'about', label: 'About', kind: 'multiline' },
    { id: 'terms', label: 'I accept the terms', kind: 'checkbox', value: 'true' },
    {
      id: 'country',
      label: 'Country',
      kind: 'select',
      value: 'TW',
      options: [
        { label: 'Taiwan', value: 'TW' },
        { label: 'Japan', value: 'JP' },
      ],
    },
  ],
  buttons: [{ label: 'Cancel', actionId: 'enrollment.cancel', value: 'app1' }],
};

const everything: Message = {
  blocks: [
    { type: 'text', text: 'Welcome, *Mei*.\nSecond line' },
    {
      type: 'summary',
      title: 'Application',
      fields: [
        { label: 'Status', value: 'Under review' },
        { label: 'Partner ID', value: '' },
      ],
    },
    {
      type: 'actions',
      buttons: [
        { label: 'Approve', actionId: 'partnership.accept', value: 'inv1', style: 'primary' },
        {
          label: 'Decline',
          actionId: 'partnership.decline',
          value: 'inv1',
          style: 'danger',
          confirm: { title: 'Decline?', text: 'Fabrikam will be told.', confirm: 'Yes, decline', deny: 'Keep' },
        },
        { label: 'Open Partner Center', actionId: 'link', value: '', url: 'https://partner.microsoft.com/' },
      ],
    },
    company,
    { ...company, formId: 'enrollment.contact', title: 'Contact' },
  ],
};

type Node = Record<string, any>;
const inputs = (card: Node): Node[] => collect(card, (node) => String(node.type).startsWith('Input.'));
function collect(node: unknown, match: (node: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((child) => collect(child, match, out));
  else if (node && typeof node === 'object') {
    if (match(node as Node)) out.push(node as Node);
    Object.values(node).forEach((child) => collect(child, match, out));
  }
  return out;
}

describe('renderAdaptiveCard', () => {
  it('produces an Adaptive Card 1.5 that the official library parses without any problem', () => {
    const card = renderAdaptiveCard(everything);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(
      adaptiveCardProblems(renderAdaptiveCard(everything, { readOnly: true, refresh: { userIds: ['29:mei'], data: { card: 'x' } } })),
    ).toEqual([]);
  });

  it('gives every input a unique id, even with two forms sharing field ids', () => {
    const ids = inputs(renderAdaptiveCard(everything)).map((input) => input.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it('renders text with card markdown and the summary as facts', () => {
    const text = cardText(renderAdaptiveCard(everything));
    expect(text).toContain('Welcome, **Mei**.');
    expect(text).toContain('Second line');
    expect(text).toContain('Status: Under review');
  });

  it('renders buttons as Action.Execute (verb = action id) with an Action.Submit fallback carrying the same data', () => {
    const approve = findAction(renderAdaptiveCard(everything), 'Approve', 'Action.Execute');
    expect(approve).toMatchObject({
      verb: 'partnership.accept',
      data: { actionId: 'partnership.accept', value: 'inv1' },
      style: 'positive',
    });
    expect(approve.fallback).toMatchObject({ type: 'Action.Submit', title: 'Approve', data: approve.data });
  });

  it('asks before an irreversible action: only the confirmation card acts', () => {
    const card = renderAdaptiveCard(everything);
    const decline = findAction(card, 'Decline', 'Action.ShowCard');
    const question = decline.card as Record<string, unknown>;
    expect(decline.style).toBe('destructive');
    expect(cardText(question)).toContain('Fabrikam will be told.');
    expect(findAction(question, 'Yes, decline', 'Action.Execute')).toMatchObject({ verb: 'partnership.decline' });
    expect(cardActions(card).filter((action) => action.type === 'Action.Execute' && action.verb === 'partnership.decline')).toHaveLength(1);
  });

  it('renders link buttons as Action.OpenUrl', () => {
    expect(findAction(renderAdaptiveCard(everything), 'Open Partner Center', 'Action.OpenUrl').url).toBe('https://partner.microsoft.com/');
  });

  it('renders form fields as labelled inputs with their values, and a visible error under a wrong field', () => {
    const card = renderAdaptiveCard({ blocks: [company] });
    const byLabel = Object.fromEntries(inputs(card).map((input) => [input.label, input]));
    expect(byLabel['Legal name']).toMatchObject({ type: 'Input.Text', isRequired: true, errorMessage: 'Enter the legal name' });
    expect(byLabel['Work email']).toMatchObject({
      type: 'Input.Text',
      style: 'Email',
      value: 'mei@contoso',
      placeholder: 'you@contoso.com',
    });
    expect(byLabel['About']).toMatchObject({ isMultiline: true });
    expect(byLabel['I accept the terms']).toMatchObject({ type: 'Input.Toggle', value: 'true', valueOn: 'true', valueOff: 'false' });
    expect(byLabel['Country']).toMatchObject({
      type: 'Input.ChoiceSet',
      value: 'TW',
      choices: [
        { title: 'Taiwan', value: 'TW' },
        { title: 'Japan', value: 'JP' },
      ],
    });

    const body = JSON.stringify(card);
    const errorBlocks = collect(card, (node) => node.type === 'TextBlock' && node.color === 'Attention');
    expect(errorBlocks.map((block) => block.text)).toEqual(['Enter the legal name']);
    // The error sits right under its field.
    expect(body.indexOf('Enter the legal name"', body.indexOf('"label":"Legal name"'))).toBeLessThan(body.indexOf('"label":"Work email"'));
    expect(buttonTitles(card)).toEqual(['Continue', 'Cancel']);
    expect(findAction(card, 'Cancel', 'Action.Execute').associatedInputs).toBe('none');
  });

  it('drops buttons and inputs from a read-only card but keeps what it said', () => {
    const card = renderAdaptiveCard(everything, { readOnly: true });
    expect(buttonTitles(card)).toEqual([]);
    expect(inputs(card)).toEqual([]);
    expect(cardText(card)).toContain('Legal name: —');
    expect(cardText(card)).toContain('Country: Taiwan');
  });

  it('adds a Universal Actions refresh for user-specific views', () => {
    const card = renderAdaptiveCard(everything, { refresh: { userIds: ['29:mei'], data: { card: 'refresh' } } });
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'refresh', data: { card: 'refresh' } }, userIds: ['29:mei'] });
  });
});

describe('readCardSubmission', () => {
  it('reads a press back', () => {
    expect(readCardSubmission({ actionId: 'partnership.accept', value: 'inv1' })).toEqual({
      kind: 'action',
      actionId: 'partnership.accept',
      value: 'inv1',
    });
  });

  it('reads a form submission back with the form’s own field ids, ignoring other forms’ inputs', () => {
    const data = {
      formId: 'enrollment.company',
      [inputId('enrollment.company', 'legalName')]: 'Contoso',
      [inputId('enrollment.company', 'terms')]: 'true',
      [inputId('enrollment.contact', 'legalName')]: 'x',
    };
    expect(readCardSubmission(data)).toEqual({
      kind: 'form',
      formId: 'enrollment.company',
      values: { legalName: 'Contoso', terms: 'true' },
    });
  });

  it('ignores input values that are not text rather than failing on them', () => {
    const data = { formId: 'f', 'f.a': { toString: 1 }, 'f.b': ['x'], 'f.c': 2, 'f.d': 'ok' };
    expect(readCardSubmission(data)).toEqual({ kind: 'form', formId: 'f', values: { c: '2', d: 'ok' } });
  });

  it('ignores data that is not ours', () => {
    expect(readCardSubmission(undefined)).toBeUndefined();
    expect(readCardSubmission({ msteams: { type: 'task/fetch' } })).toBeUndefined();
  });
});
