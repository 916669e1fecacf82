import type { types } from '@slack/bolt';
import { assertNever, type FormBlock, type FormField } from '../../src/public.js';
import { LIMITS, truncate } from './limits.js';
import { fitView } from './render.js';

/** The callback id of every form modal; the form id travels in private_metadata. */
export const FORM_CALLBACK_ID = 'csp_form';

/** What a modal carries so its submission can be routed back: the form and the DM message with its button. */
export interface ModalMetadata {
  /** Form id (`enrollment.address`). */
  f: string;
  /** The stored form's key (its DM message loses the button once the form is submitted). */
  k?: string;
  /** The DM message that carried the "open form" button, when there was one. */
  c?: string;
  t?: string;
}

const plain = (value: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(value, max), emoji: true });

function element(field: FormField): types.InputBlock['element'] {
  const base = { action_id: truncate(field.id, LIMITS.actionId) };
  const initial = field.value ? truncate(field.value, LIMITS.initialValue) : undefined;
  switch (field.kind) {
    case 'email':
      return { ...base, type: 'email_text_input', ...(initial ? { initial_value: initial } : {}) };
    case 'url':
      return { ...base, type: 'url_text_input', ...(initial ? { initial_value: initial } : {}) };
    case 'text':
    case 'tel':
    case 'multiline':
      return { ...base, type: 'plain_text_input', multiline: field.kind === 'multiline', ...(initial ? { initial_value: initial } : {}) };
    case 'checkbox': {
      const option = { text: plain(field.hint ?? field.label, LIMITS.optionText), value: 'true' };
      return { ...base, type: 'checkboxes', options: [option], ...(field.value === 'true' ? { initial_options: [option] } : {}) };
    }
    case 'select': {
      const options = (field.options ?? []).slice(0, LIMITS.selectOptions).map((option) => ({
        text: plain(option.label, LIMITS.optionText),
        value: truncate(option.value, LIMITS.optionValue),
      }));
      const selected = options.find((option) => option.value === field.value);
      return { ...base, type: 'static_select', options, ...(selected ? { initial_option: selected } : {}) };
    }
    default:
      return assertNever(field.kind);
  }
}

function inputBlocks(field: FormField): types.KnownBlock[] {
  const input: types.InputBlock = {
    type: 'input',
    block_id: truncate(field.id, LIMITS.blockId),
    label: plain(field.label, LIMITS.inputLabel),
    element: element(field),
    // A checkbox is a yes/no answer: unchecked must be submittable.
    optional: field.kind === 'checkbox' ? true : !field.required,
  };
  // A checkbox's hint is the text beside its box (above), not repeated under it.
  if (field.hint && field.kind !== 'checkbox') input.hint = plain(field.hint, LIMITS.hint);
  // views.open cannot show an error state, so a known error is shown right under the field.
  const error: types.ContextBlock[] = field.error
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `⚠️ ${truncate(field.error, LIMITS.sectionText - 3)}` }] }]
    : [];
  return [input, ...error];
}

/** The modal for a form: one input block per field, block_id = field id (used by response_action errors). */
export function renderModal(form: FormBlock, metadata: ModalMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata).slice(0, LIMITS.privateMetadata),
    title: plain(form.title, LIMITS.viewTitle),
    submit: plain(form.submitLabel, LIMITS.viewSubmit),
    blocks: fitView(form.fields.flatMap(inputBlocks)),
  };
}

export function parseModalMetadata(value: string | undefined): ModalMetadata | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<ModalMetadata>;
    return typeof parsed.f === 'string' ? { f: parsed.f, k: parsed.k, c: parsed.c, t: parsed.t } : undefined;
  } catch {
    return undefined;
  }
}

/** A submitted element's state as Slack sends it in `view.state.values`. */
interface ElementState {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
}

/** `view.state.values` → field id → value; checkboxes become 'true' / 'false'. */
export function readModalValues(state: Record<string, Record<string, ElementState>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, elements] of Object.entries(state)) {
    for (const element of Object.values(elements)) {
      if (element.type === 'checkboxes') values[blockId] = element.selected_options?.length ? 'true' : 'false';
      else if (element.type === 'static_select') values[blockId] = element.selected_option?.value ?? '';
      else values[blockId] = (element.value ?? '').trim();
    }
  }
  return values;
}

