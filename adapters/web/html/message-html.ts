import type { Block, Button, FormBlock, FormField, Input, Message } from '../../../src/public.js';
import { html, localPath, richText, type Html } from './escape.js';

/**
 * The core's neutral messages as plain HTML, for pages that must work without scripts: the emailed
 * link landing pages (forms that post back) and the read-only views. The chat page renders the same
 * messages as Adaptive Cards instead.
 */
export interface HtmlRenderOptions {
  publicUrl: string;
  /** Where buttons and forms post. Absent: read-only (only link buttons; forms show their values). */
  postTo?: string;
  /** A fresh id per rendered page, posted back as the event id: a second tab is a second press. */
  eventId?: string;
  /** The link page's form token (CSRF), posted back with every press and compared with its cookie. */
  formToken?: string;
  /**
   * Lists of records (the read-only views): each summary and the buttons after it become one closed
   * <details>. Only harmless buttons are offered (no confirmation, not danger) and post to `postTo`;
   * `expanded` is the answer to the one pressed, shown inside its record.
   */
  records?: { expanded?: { actionId: string; value: string; messages: Message[] } };
}

let uniqueId = 0;

export function messagesHtml(messages: Message[], options: HtmlRenderOptions): Html {
  return html`${messages.map((message) => html`<article class="message">${options.records ? recordsHtml(message.blocks, options) : message.blocks.map((block) => blockHtml(block, options))}</article>`)}`;
}

function recordsHtml(blocks: Block[], options: HtmlRenderOptions): Html[] {
  const out: Html[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.type !== 'summary') {
      if (block.type === 'actions') out.push(recordButtons(block.buttons, options));
      else out.push(blockHtml(block, { ...options, postTo: undefined }));
      continue;
    }
    const next = blocks[i + 1];
    const buttons = next?.type === 'actions' ? next.buttons : [];
    if (buttons.length) i++;
    const expanded = options.records?.expanded;
    const pressed = expanded && buttons.some((b) => b.actionId === expanded.actionId && b.value === expanded.value);
    out.push(
      html`<details class="summary" ${pressed ? html` open` : ''}>
        <summary>${block.title}</summary>
        <dl>
          ${block.fields.map(
            (field) =>
              html`<dt>${field.label}</dt>
                <dd>${richText(field.value || '—', options.publicUrl)}</dd>`,
          )}
        </dl>
        ${recordButtons(buttons, options)}
        ${pressed ? html`<div class="expanded">${messagesHtml(expanded.messages, { publicUrl: options.publicUrl })}</div>` : ''}
      </details>`,
    );
  }
  return out;
}

/** The harmless buttons of a record: links, and presses without a confirmation that are not "danger". */
function recordButtons(buttons: Button[], options: HtmlRenderOptions): Html {
  const safe = buttons.filter((button) => button.url || (options.postTo && !button.confirm && button.style !== 'danger'));
  if (!safe.length) return html``;
  const inner = safe.map((button) => buttonHtml(button, options));
  return options.postTo && safe.some((button) => !button.url)
    ? html`<form class="actions" method="post" action="${options.postTo}">${hidden(options)}${inner}</form>`
    : html`<div class="actions">${inner}</div>`;
}

function blockHtml(block: Block, options: HtmlRenderOptions): Html {
  switch (block.type) {
    case 'text':
      return html`<p class="text">${richText(block.text, options.publicUrl)}</p>`;
    case 'summary': {
      const fields = html`<dl>
        ${block.fields.map(
          (field) =>
            html`<dt>${field.label}</dt>
              <dd>${richText(field.value || '—', options.publicUrl)}</dd>`,
        )}
      </dl>`;
      return html`<section class="summary">
        <h3>${block.title}</h3>
        ${fields}
      </section>`;
    }
    case 'actions': {
      const buttons = block.buttons.filter((button) => button.url || options.postTo);
      if (buttons.length === 0) return html``;
      return options.postTo
        ? html`<form class="actions" method="post" action="${options.postTo}">
            ${hidden(options)}${buttons.map((b) => buttonHtml(b, options))}
          </form>`
        : html`<div class="actions">${buttons.map((b) => buttonHtml(b, options))}</div>`;
    }
    case 'form':
      return options.postTo ? formHtml(block, options) : readOnlyForm(block);
  }
}

const hidden = (options: HtmlRenderOptions): Html =>
  html`<input type="hidden" name="_event" value="${options.eventId ?? ''}" />${options.formToken ? html`<input type="hidden" name="_csrf" value="${options.formToken}" />` : ''}`;

function buttonHtml(button: Button, options: HtmlRenderOptions): Html {
  const style = `button${button.style ? ` ${button.style}` : ''}`;
  if (button.url) return html`<a class="${style}" href="${localPath(button.url, options.publicUrl)}">${button.label}</a>`;
  const press = JSON.stringify({ actionId: button.actionId, value: button.value });
  if (!button.confirm) {
    return html`<button type="submit" class="${style}" name="_press" value="${press}" formnovalidate>${button.label}</button>`;
  }
  // An inline, keyboard-operable question (no script needed): only the button inside it acts.
  const id = `confirm-${++uniqueId}`;
  return html`<details class="confirm">
    <summary class="${style}">${button.label}</summary>
    <div role="group" aria-labelledby="${id}">
      <p id="${id}"><strong>${button.confirm.title}</strong></p>
      <p>${button.confirm.text}</p>
      <button type="submit" class="${style}" name="_press" value="${press}" formnovalidate>${button.confirm.confirm}</button>
      <button type="button" class="button deny" data-close-details>${button.confirm.deny}</button>
    </div>
  </details>`;
}

function formHtml(form: FormBlock, options: HtmlRenderOptions): Html {
  const checkboxes = form.fields.filter((field) => field.kind === 'checkbox').map((field) => field.id);
  return html`<form class="form" method="post" action="${options.postTo}" novalidate>
    ${hidden(options)}<input type="hidden" name="_checkboxes" value="${checkboxes.join(',')}" />
    <fieldset>
      <legend>${form.title}</legend>
      ${form.fields.map((field) => fieldHtml(form.formId, field))}
    </fieldset>
    <div class="actions">
      <button type="submit" class="button primary" name="_form" value="${form.formId}">${form.submitLabel}</button>
      ${(form.buttons ?? []).map((button) => buttonHtml(button, options))}
    </div>
  </form>`;
}

function fieldHtml(formId: string, given: FormField): Html {
  // A checkbox's hint is the statement beside its box.
  const field = given.kind === 'checkbox' && given.hint ? { ...given, label: given.hint, hint: undefined } : given;
  const id = `f-${formId.replace(/\W/g, '-')}-${field.id}`;
  const described = [field.hint ? `${id}-hint` : '', field.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html`id="${id}"
  name="field_${field.id}"${field.required ? html` aria-required="true"` : ''}${field.error ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
  const hint = field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : '';
  const error = field.error ? html`<p class="error" id="${id}-error">${field.error}</p>` : '';
  if (field.kind === 'checkbox') {
    return html`<div class="field checkbox">
      <input type="checkbox" value="true" ${common}${field.value === 'true' ? html` checked` : ''} />
      <label for="${id}">${field.label}</label>${hint}${error}
    </div>`;
  }
  let control: Html;
  if (field.kind === 'multiline') control = html`<textarea ${common} rows="4">${field.value ?? ''}</textarea>`;
  else if (field.kind === 'select') {
    control = html`<select ${common}>
      ${(field.options ?? []).map(
        (option) => html`<option value="${option.value}" ${option.value === field.value ? html` selected` : ''}>${option.label}</option>`,
      )}
    </select>`;
  } else control = html`<input type="${field.kind}" value="${field.value ?? ''}" ${common} />`;
  return html`<div class="field"><label for="${id}">${field.label}</label>${hint}${control}${error}</div>`;
}

function readOnlyForm(form: FormBlock): Html {
  return html`<section class="summary">
    <h3>${form.title}</h3>
    <dl>
      ${form.fields.map(
        (field) =>
          html`<dt>${field.label}</dt>
            <dd>${field.options?.find((o) => o.value === field.value)?.label ?? field.value ?? '—'}</dd>`,
      )}
    </dl>
  </section>`;
}

/** The press or submission a page posted, as the core's input; undefined when the body is not one. */
export function readPostedInput(body: Record<string, unknown>): Exclude<Input, { kind: 'message' | 'command' }> | undefined {
  if (typeof body._press === 'string') {
    try {
      const press = JSON.parse(body._press) as { actionId?: unknown; value?: unknown };
      if (typeof press.actionId === 'string') return { kind: 'action', actionId: press.actionId, value: String(press.value ?? '') };
    } catch {
      return undefined;
    }
    return undefined;
  }
  if (typeof body._form !== 'string') return undefined;
  const values: Record<string, string> = {};
  const checkboxes = typeof body._checkboxes === 'string' ? body._checkboxes.split(',').filter(Boolean) : [];
  for (const id of checkboxes) values[id] = 'false';
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('field_') && typeof value === 'string') values[key.slice('field_'.length)] = value;
  }
  return { kind: 'form', formId: body._form, values };
}
