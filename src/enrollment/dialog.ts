import type { ActionInput, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { Input } from '../core/events.js';
import { FORM_GROUPS, fieldsFor, isFieldId, type EnrollmentPath, type FieldId, type FormGroup } from './answers.js';
import { readDialog, toDialogState, nextStep, previousStep, progress, type EnrollmentDialog, type Step } from './dialog-state.js';
import { ask, cancelQuestion, groupFields, params } from './render.js';
import { looksLikeSecret } from './secrets.js';
import { IDENTIFIER_FIELDS, type IdentifierField } from './identifiers.js';
import { isOptional, validateField } from './validation.js';

const isIdentifier = (field: FieldId): field is IdentifierField => (IDENTIFIER_FIELDS as readonly string[]).includes(field);

/** What submitting needs from the module (kept outside so the dialog stays about questions). */
export type Submit = (ctx: TurnContext, dialog: EnrollmentDialog) => Promise<Reply[]>;
/** Why a valid tenant or PartnerID cannot be this application's (already enrolled, or waiting), or undefined. */
export type CheckTaken = (ctx: TurnContext, dialog: EnrollmentDialog, field: IdentifierField, value: string) => Promise<string | undefined>;

const WORDS = {
  back: /^(back|previous|返回|上一步)$/i,
  cancel: /^(cancel|quit|取消)$/i,
  help: /^(help|\?|說明|幫助)$/i,
  status: /^(status|狀態)$/i,
  skip: /^(skip|-|略過|跳過)$/i,
  yes: /^(yes|y|是|確定)$/i,
  start: /^(start|next|begin|ok|開始|下一步)$/i,
  shortcut: /^(already enrolled|already enrolled in csp|已註冊|已經註冊)$/i,
  noTenant: /^(i don['’]t have one|no tenant|none|no|沒有|我沒有)$/i,
  edit: /^(?:edit|編輯)\s+(.+)$/i,
};

/**
 * The enrollment dialog: every text, button and form while `dialog.flow === 'enrollment'`.
 * State lives in ctx.dialog (saved by the engine each turn), so a restart resumes at the same step.
 */
export function createEnrollmentDialog(submit: Submit, taken: CheckTaken) {
  function go(ctx: TurnContext, dialog: EnrollmentDialog, step: Step, before: string[] = []): Reply[] {
    const next = { step, data: { ...dialog.data, confirmingCancel: false } };
    ctx.dialog.set(toDialogState(next));
    return ask(ctx, next.data, step, before);
  }

  async function answer(ctx: TurnContext, dialog: EnrollmentDialog, field: FieldId, raw: string): Promise<Reply[]> {
    const { t } = ctx;
    if (looksLikeSecret(raw, field)) return ask(ctx, dialog.data, dialog.step, [t('enrollment.secret')]);
    const result = validateField(field, raw, dialog.data.values);
    const refusal = !result.ok
      ? t(`enrollment.invalid.${result.error}`, params(dialog.data.values, ctx.locale))
      : isIdentifier(field)
        ? await taken(ctx, dialog, field, result.value)
        : undefined;
    if (!result.ok || refusal) return ask(ctx, dialog.data, dialog.step, [`⚠️ ${refusal}`]);
    const values = { ...dialog.data.values, [field]: result.value };
    const data = { ...dialog.data, values };
    return go(ctx, { ...dialog, data }, nextStep(data));
  }

  function cancel(ctx: TurnContext): Reply[] {
    ctx.dialog.set(undefined);
    return [post(text(ctx.t('enrollment.cancel.done')))];
  }

  function edit(ctx: TurnContext, dialog: EnrollmentDialog, name: string): Reply[] {
    const fields = fieldsFor(dialog.data.path);
    const wanted = name.trim().toLowerCase();
    const field = fields.find((id) => id.toLowerCase() === wanted || ctx.t(`enrollment.field.${id}`).toLowerCase() === wanted);
    if (!field) {
      const list = fields.map((id) => `${id} (${ctx.t(`enrollment.field.${id}`)})`).join(', ');
      return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.edit.unknown', { name, fields: list })]);
    }
    return go(ctx, dialog, field);
  }

  function status(ctx: TurnContext, dialog: EnrollmentDialog): Reply[] {
    const { n, total } = progress(dialog.data, dialog.step);
    const where = isFieldId(dialog.step) ? ctx.t(`enrollment.field.${dialog.step}`) : ctx.t(`enrollment.stepname.${dialog.step}`);
    return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.status.dialog', { n, total, field: where })]);
  }

  /** Words that work at every step: back, edit, cancel, help, status. Undefined when the text is an answer. */
  function control(ctx: TurnContext, dialog: EnrollmentDialog, typed: string): Reply[] | Promise<Reply[]> | undefined {
    if (dialog.data.confirmingCancel) {
      if (WORDS.yes.test(typed) || WORDS.cancel.test(typed)) return cancel(ctx);
      return go(ctx, dialog, dialog.step);
    }
    if (WORDS.cancel.test(typed)) {
      ctx.dialog.set(toDialogState({ ...dialog, data: { ...dialog.data, confirmingCancel: true } }));
      return cancelQuestion(ctx.t, dialog.step);
    }
    if (WORDS.back.test(typed)) {
      const previous = previousStep(dialog.data, dialog.step);
      return previous ? go(ctx, dialog, previous) : ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.back.first')]);
    }
    if (WORDS.help.test(typed)) return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.help')]);
    if (WORDS.status.test(typed)) return status(ctx, dialog);
    const editing = WORDS.edit.exec(typed);
    if (editing) return edit(ctx, dialog, editing[1]);
    if (WORDS.skip.test(typed) && isFieldId(dialog.step)) {
      if (!isOptional(dialog.step, dialog.data.values)) return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.skip.required')]);
      return answer(ctx, dialog, dialog.step, '');
    }
    return undefined;
  }

  function choosePath(ctx: TurnContext, dialog: EnrollmentDialog, path: EnrollmentPath): Reply[] {
    const data = { ...dialog.data, path };
    return go(ctx, { ...dialog, data }, nextStep(data));
  }

  async function onText(ctx: TurnContext, dialog: EnrollmentDialog, typed: string): Promise<Reply[]> {
    const handled = control(ctx, dialog, typed);
    if (handled) return handled;
    const field = dialog.step === 'tenant-create' ? 'tenant' : dialog.step;
    if (looksLikeSecret(typed, isFieldId(field) ? field : undefined))
      return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.secret')]);
    switch (field) {
      case 'welcome':
        if (WORDS.shortcut.test(typed)) return choosePath(ctx, dialog, 'already-enrolled');
        if (WORDS.start.test(typed)) return choosePath(ctx, dialog, 'new');
        return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.welcome.choose')]);
      case 'summary':
        return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.summary.choose')]);
      case 'tenant':
        if (dialog.step === 'tenant' && WORDS.noTenant.test(typed)) return go(ctx, dialog, 'tenant-create');
        return answer(ctx, dialog, 'tenant', typed);
      default:
        return answer(ctx, dialog, field, typed);
    }
  }

  async function onForm(ctx: TurnContext, dialog: EnrollmentDialog, group: FormGroup, submitted: Record<string, string>): Promise<Reply[]> {
    const fields = groupFields(dialog.data, group);
    if (!fields.length) return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.stale')]);
    const values = { ...dialog.data.values };
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const raw = submitted[field] ?? '';
      if (looksLikeSecret(raw, field)) {
        errors[field] = ctx.t('enrollment.secret');
        continue;
      }
      const result = validateField(field, raw, values);
      if (result.ok) values[field] = result.value;
      else
        errors[field] =
          `${ctx.t(`enrollment.invalid.${result.error}`, params(values, ctx.locale))} ${ctx.t(`enrollment.example.${field}`)}`;
    }
    if (Object.keys(errors).length) return [{ type: 'form-errors', formId: `enrollment.${group}`, errors }];
    const data = { ...dialog.data, values };
    return go(ctx, { ...dialog, data }, nextStep(data));
  }

  async function onAction(ctx: TurnContext, dialog: EnrollmentDialog, actionId: string, value: string): Promise<Reply[]> {
    const action = actionId.slice('enrollment.'.length);
    const [step, argument] = value.split('|');
    if (action === 'link') return [];
    if (action === 'submit') return submit(ctx, dialog);
    if (action === 'cancel-yes' && dialog.data.confirmingCancel) return cancel(ctx);
    if (action === 'resume') return go(ctx, dialog, dialog.step);
    if (action === 'cancel') return control(ctx, dialog, 'cancel') ?? [];
    if (step !== dialog.step) return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.stale')]);
    switch (action) {
      case 'start':
        return choosePath(ctx, dialog, 'new');
      case 'shortcut':
        return choosePath(ctx, dialog, 'already-enrolled');
      case 'no-tenant':
        return go(ctx, dialog, 'tenant-create');
      case 'back':
      case 'skip':
        return control(ctx, dialog, action) ?? [];
      case 'answer':
        return isFieldId(step) ? answer(ctx, dialog, step, argument ?? '') : [];
      case 'edit':
        return edit(ctx, dialog, argument ?? '');
      default:
        return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.stale')]);
    }
  }

  return {
    async onInput(ctx: TurnContext, input: Input): Promise<Reply[]> {
      const dialog = readDialog(ctx.dialog.state);
      if (!dialog) return [post(text(ctx.t('enrollment.inactive')))];
      if (dialog.repaired) return go(ctx, dialog, dialog.step, [ctx.t('enrollment.repaired')]);
      switch (input.kind) {
        case 'message':
          return onText(ctx, dialog, input.text.trim());
        case 'command':
          return onText(ctx, dialog, `${input.name} ${input.args}`.trim());
        case 'action':
          return onAction(ctx, dialog, input.actionId, input.value);
        case 'form': {
          const group = input.formId.slice('enrollment.'.length);
          if (!(group in FORM_GROUPS)) return ask(ctx, dialog.data, dialog.step, [ctx.t('enrollment.stale')]);
          return onForm(ctx, dialog, group as FormGroup, input.values);
        }
      }
    },
    /** Asks the current step again (the `resume` command). */
    async resume(ctx: TurnContext): Promise<Reply[]> {
      return this.onInput(ctx, { kind: 'action', actionId: 'enrollment.resume', value: 'resume' });
    },
    /** Buttons and forms of the enrollment card, routed here by the `enrollment` action prefix. */
    async onAction(ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
      return this.onInput(ctx, input);
    },
  };
}
