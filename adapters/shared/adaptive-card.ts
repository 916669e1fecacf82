import { mapMarkup, type Block, type Button, type FormBlock, type FormField, type Message } from '../../src/public.js';

/**
 * Renders a neutral Message as an Adaptive Card 1.5 (pure; shared by the Teams adapter and the web
 * playground). Buttons are `Action.Execute` (Universal Actions: verb = actionId) falling back to
 * `Action.Submit` with the same data on hosts without Universal Actions; both carry
 * `{ actionId, value }` (buttons) or `{ formId }` plus the inputs (forms), read back with
 * `readCardSubmission`.
 *
 * @example
 * const card = renderAdaptiveCard({ blocks: [{ type: 'text', text: 'Hello *Mei*' }] });
 * // → { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello **Mei**', wrap: true }], ... }
 */
export interface CardOptions {
  /** The card after it was used, or as seen by someone who may not act: no buttons, no inputs. */
  readOnly?: boolean;
  /** Universal Actions user-specific view: these Teams user ids fetch the actionable card with `refresh`. */
  refresh?: { userIds: string[]; data: Record<string, string> };
}

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5'; body: CardElement[] };
type CardElement = Record<string, unknown> & { type: string };

/** The verb of the automatic refresh invoke (user-specific views). */
export const REFRESH_VERB = 'refresh';

/** What a press or a submission sends back, parsed from Action.Execute `data` or Action.Submit `value`. */
export type CardSubmission =
  { kind: 'action'; actionId: string; value: string } | { kind: 'form'; formId: string; values: Record<string, string> };

export function renderAdaptiveCard(message: Message, options: CardOptions = {}): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: message.blocks.flatMap((block) => renderBlock(block, options.readOnly ?? false)),
  };
  if (options.refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: REFRESH_VERB, data: options.refresh.data },
      userIds: options.refresh.userIds,
    };
  }
  return card;
}

/** The input id of a form field: namespaced by the form so two forms on one card never clash. */
export const inputId = (formId: string, fieldId: string): string => `${formId}.${fieldId}`;

/** Reads the data of a press or a submission back; undefined when it is not one of ours. */
export function readCardSubmission(data: unknown): CardSubmission | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  if (typeof record.actionId === 'string') {
    return { kind: 'action', actionId: record.actionId, value: typeof record.value === 'string' ? record.value : '' };
  }
  if (typeof record.formId !== 'string') return undefined;
  const prefix = `${record.formId}.`;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith(prefix)) continue;
    // Inputs send strings; a forged object value is ignored rather than String()ed (which can throw).
    if (value === undefined || value === null) values[key.slice(prefix.length)] = '';
    else if (['string', 'number', 'boolean'].includes(typeof value)) values[key.slice(prefix.length)] = String(value);
  }
  return { kind: 'form', formId: record.formId, values };
}

function renderBlock(block: Block, readOnly: boolean): CardElement[] {
  switch (block.type) {
    case 'text':
      return textBlocks(block.text);
    case 'summary':
      return [container([heading(block.title), factSet(block.fields)])];
    case 'actions':
      return readOnly ? [] : actionSets(block.buttons.map(renderButton));
    case 'form':
      return [readOnly ? formSummary(block) : renderForm(block)];
  }
}

/** One TextBlock per line: hosts disagree on single line breaks inside a TextBlock. */
function textBlocks(text: string): CardElement[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => ({ type: 'TextBlock', text: toCardMarkdown(line), wrap: true, ...(index > 0 ? { spacing: 'Small' } : {}) }));
}

/** The core writes Slack-style `*bold*`; Adaptive Card markdown wants `**bold**`. */
function toCardMarkdown(line: string): string {
  return mapMarkup(line, (bold) => `**${bold}**`);
}

const heading = (text: string): CardElement => ({ type: 'TextBlock', text, weight: 'Bolder', wrap: true });
const container = (items: CardElement[]): CardElement => ({ type: 'Container', items });
/** Hosts show at most 5 actions per set (the default host config's maxActions): wrap onto more rows. */
const MAX_ACTIONS = 5;
function actionSets(actions: CardElement[]): CardElement[] {
  const sets: CardElement[] = [];
  for (let i = 0; i < actions.length; i += MAX_ACTIONS) sets.push({ type: 'ActionSet', actions: actions.slice(i, i + MAX_ACTIONS) });
  return sets;
}
const factSet = (fields: Array<{ label: string; value: string }>): CardElement => ({
  type: 'FactSet',
  facts: fields.map((field) => ({ title: field.label, value: field.value || '—' })),
});

const STYLES = { primary: 'positive', danger: 'destructive' } as const;

/** Action.Execute with an Action.Submit fallback carrying the same data. */
function executeAction(title: string, verb: string, data: Record<string, string>, extra: Record<string, unknown> = {}): CardElement {
  const shared = { title, data, ...extra };
  return { type: 'Action.Execute', verb, ...shared, fallback: { type: 'Action.Submit', ...shared } };
}

function renderButton(button: Button): CardElement {
  const style = button.style ? { style: STYLES[button.style] } : {};
  if (button.url) return { type: 'Action.OpenUrl', title: button.label, url: button.url, ...style };
  // Form-adjacent buttons (e.g. Decline) ignore whatever was typed into the form.
  const press = executeAction(
    button.label,
    button.actionId,
    { actionId: button.actionId, value: button.value },
    { ...style, associatedInputs: 'none' },
  );
  if (!button.confirm) return press;
  // 1.5 has no confirmation dialog: the button opens an inline card that asks, and only its button acts.
  // Pressing the original button again folds the question away (that is the "deny").
  return {
    type: 'Action.ShowCard',
    title: button.label,
    ...style,
    card: {
      type: 'AdaptiveCard',
      body: [heading(button.confirm.title), { type: 'TextBlock', text: button.confirm.text, wrap: true }],
      actions: [{ ...press, title: button.confirm.confirm }],
    },
  };
}

function renderForm(form: FormBlock): CardElement {
  const submit = executeAction(form.submitLabel, form.formId, { formId: form.formId }, { style: 'positive', associatedInputs: 'auto' });
  return container([
    heading(form.title),
    ...form.fields.flatMap((field) => renderField(form.formId, field)),
    ...actionSets([submit, ...(form.buttons ?? []).map(renderButton)]),
  ]);
}

function renderField(formId: string, field: FormField): CardElement[] {
  const common = {
    id: inputId(formId, field.id),
    label: field.label,
    isRequired: field.required ?? false,
    // Shown by the host when its own validation of a required field fails.
    errorMessage: field.error ?? field.label,
  };
  const elements: CardElement[] = [input(field, common)];
  if (field.error) elements.push({ type: 'TextBlock', text: field.error, color: 'Attention', wrap: true, spacing: 'None', size: 'Small' });
  return elements;
}

const TEXT_STYLES: Partial<Record<FormField['kind'], string>> = { email: 'Email', tel: 'Tel', url: 'Url' };

function input(field: FormField, common: Record<string, unknown>): CardElement {
  switch (field.kind) {
    case 'checkbox':
      // Toggle needs a title beside the box; the hint says more than repeating the label would.
      return {
        type: 'Input.Toggle',
        ...common,
        title: field.hint ?? field.label,
        wrap: true,
        value: field.value === 'true' ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      };
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: (field.options ?? []).map((option) => ({ title: option.label, value: option.value })),
        ...(field.value ? { value: field.value } : {}),
        ...(field.hint ? { placeholder: field.hint } : {}),
      };
    default:
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(TEXT_STYLES[field.kind] ? { style: TEXT_STYLES[field.kind] } : {}),
        ...(field.value ? { value: field.value } : {}),
        ...(field.hint ? { placeholder: field.hint } : {}),
      };
  }
}

/** A used form: its title and what was entered, without inputs (no one can submit it again). */
function formSummary(form: FormBlock): CardElement {
  const shown = (field: FormField) => field.options?.find((option) => option.value === field.value)?.label ?? field.value ?? '';
  return container([heading(form.title), factSet(form.fields.map((field) => ({ label: field.label, value: shown(field) })))]);
}
