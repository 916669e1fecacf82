import type { types } from '@slack/bolt';
import { assertNever, mapMarkup, type Block, type Button, type FormBlock, type Message } from '../../src/public.js';
import { chunk, escapeMrkdwn, LIMITS, splitText, truncate } from './limits.js';

/** Slack only sees `*bold*` between spaces: zero-width spaces make it work next to CJK text too. */
const toMrkdwn = (text: string): string =>
  mapMarkup(text, (bold) => `\u200b*${bold}*\u200b`, escapeMrkdwn)
    // Where a space already separates the asterisk, the zero-width space is not needed.
    .replace(/(^|\s)\u200b/g, '$1')
    .replace(/\u200b(?=\s|$)/g, '');

type KnownBlock = types.KnownBlock;
type SlackButton = types.Button;

/** The adapter's own button: opens the modal of a form (never routed to the engine). */
export const OPEN_FORM_ACTION = 'csp_form_open';
/** Link buttons open a URL; Slack still reports the click, which the adapter ignores. */
export const LINK_ACTION = 'csp_link';

export interface RenderContext {
  /** The value of the "open form" button: a key under which the adapter stored the form. */
  formKey(form: FormBlock): string;
}

const plain = (value: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(value, max), emoji: true });

const section = (value: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: value } });

/** Distinct action ids within one message (Slack rejects duplicates); `~n` is stripped again on the way in. */
class ActionIds {
  private readonly seen = new Set<string>();
  next(actionId: string): string {
    const base = truncate(actionId, LIMITS.actionId - 4);
    let id = base;
    for (let n = 2; this.seen.has(id); n++) id = `${base}~${n}`;
    this.seen.add(id);
    return id;
  }
}

/** Inverse of the de-duplication suffix added while rendering. */
export function originalActionId(actionId: string): string {
  return actionId.replace(/~\d+$/, '');
}

function button(spec: Button, ids: ActionIds): SlackButton {
  const out: SlackButton = {
    type: 'button',
    text: plain(spec.label, LIMITS.buttonText),
    action_id: ids.next(spec.url ? LINK_ACTION : spec.actionId),
    value: truncate(spec.value, LIMITS.buttonValue),
  };
  if (spec.style) out.style = spec.style;
  if (spec.url) out.url = spec.url;
  if (spec.confirm) {
    out.confirm = {
      title: plain(spec.confirm.title, LIMITS.confirmTitle),
      text: plain(spec.confirm.text, LIMITS.confirmText),
      confirm: plain(spec.confirm.confirm, LIMITS.confirmButton),
      deny: plain(spec.confirm.deny, LIMITS.confirmButton),
      ...(spec.style === 'danger' ? { style: 'danger' as const } : {}),
    };
  }
  return out;
}

function actions(buttons: SlackButton[]): types.ActionsBlock[] {
  return chunk(buttons, LIMITS.elementsPerActions)
    .filter((group) => group.length > 0)
    .map((elements) => ({ type: 'actions', elements }));
}

function formSummary(form: FormBlock): string {
  const lines = [`*${escapeMrkdwn(form.title)}*`];
  for (const field of form.fields) {
    const value = field.kind === 'checkbox' ? (field.value === 'true' ? '☑' : '☐') : field.value ? escapeMrkdwn(field.value) : '—';
    lines.push(`• ${escapeMrkdwn(field.label)}: ${value}`);
    if (field.error) lines.push(`   ⚠️ ${escapeMrkdwn(field.error)}`);
  }
  return lines.join('\n');
}

function renderBlock(block: Block, ids: ActionIds, context: RenderContext): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return splitText(toMrkdwn(block.text), LIMITS.sectionText).map(section);
    case 'summary': {
      const fields = block.fields.map((field) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, LIMITS.fieldText),
      }));
      const header: types.HeaderBlock = { type: 'header', text: plain(block.title, LIMITS.headerText) };
      return [
        header,
        ...chunk(fields, LIMITS.fieldsPerSection)
          .filter((group) => group.length > 0)
          .map((group) => ({ type: 'section' as const, fields: group })),
      ];
    }
    case 'actions':
      return actions(block.buttons.map((spec) => button(spec, ids)));
    case 'form': {
      const open: SlackButton = {
        type: 'button',
        style: 'primary',
        text: plain(`📝 ${block.title}`, LIMITS.buttonText),
        action_id: ids.next(OPEN_FORM_ACTION),
        value: context.formKey(block),
      };
      const pieces = splitText(formSummary(block), LIMITS.sectionText).map(section);
      return [...pieces, ...actions([open, ...(block.buttons ?? []).map((spec) => button(spec, ids))])];
    }
    default:
      return assertNever(block);
  }
}

/** Renders a neutral message to Block Kit, without the per-message block limit (see `splitMessage`). */
export function renderBlocks(message: Message, context: RenderContext): KnownBlock[] {
  const ids = new ActionIds();
  return message.blocks.flatMap((block) => renderBlock(block, ids, context));
}

/** Several messages of at most 50 blocks each, in order. */
export function splitMessage(blocks: KnownBlock[]): KnownBlock[][] {
  return chunk(blocks, LIMITS.messageBlocks);
}

/** Blocks for a view (modal, home): at most 100, the last one saying that the rest was cut. */
export function fitView(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.viewBlocks) return blocks;
  return [
    ...blocks.slice(0, LIMITS.viewBlocks - 1),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `… (+${blocks.length - LIMITS.viewBlocks + 1})` }] },
  ];
}

/** The notification text Slack shows in alerts and screen readers. */
export function fallbackText(message: Message): string {
  const first = message.blocks.find((block) => block.type !== 'actions');
  const value = !first ? '' : first.type === 'text' ? first.text : first.title;
  return truncate(value || '…', LIMITS.fallbackText);
}

