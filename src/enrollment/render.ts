import type { Locale } from '../core/events.js';
import type { TurnContext } from '../core/module.js';
import { post, text, type Block, type Button, type FormField, type Reply } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import { FORM_GROUPS, fieldsFor, groupOf, type Answers, type EnrollmentPath, type FieldId, type FormGroup } from './answers.js';
import { countryName } from '../shared/country.js';
import { progress, type EnrollmentData, type Step } from './dialog-state.js';
import { isOptional } from './validation.js';

/** Informational sign-in links: the bot never sees credentials, Microsoft's pages ask for them. */
export const ENTRA_SIGN_IN_URL = 'https://entra.microsoft.com';
export const CREATE_TENANT_URL = 'https://signup.microsoft.com';

const FIELD_KIND: Partial<Record<FieldId, FormField['kind']>> = {
  contactEmail: 'email',
  supportEmail: 'email',
  contactPhone: 'tel',
  supportPhone: 'tel',
  supportWebsite: 'url',
};

/** Button values carry the step they were shown for, so a press on an old card is recognised. */
export const stepButton = (t: Translate, key: string, action: string, step: Step, extra?: Partial<Button>): Button => ({
  label: t(key),
  actionId: `enrollment.${action}`,
  value: step,
  ...extra,
});

export function displayValue(field: FieldId, value: string | undefined, t: Translate, locale: Locale): string {
  if (value === undefined) return '—';
  if (value === '') return t('enrollment.skipped');
  return field === 'country' || field === 'partnerCountry' ? countryName(value, locale) : value;
}

export function welcome(t: Translate): Reply[] {
  return [
    post(
      text(`*${t('enrollment.welcome.title')}*\n${t('enrollment.welcome.about')}\n\n${t('enrollment.welcome.body')}`),
      text(t('enrollment.welcome.shortcut')),
      {
        type: 'actions',
        buttons: [
          stepButton(t, 'enrollment.button.start', 'start', 'welcome', { style: 'primary' }),
          stepButton(t, 'enrollment.button.shortcut', 'shortcut', 'welcome'),
          stepButton(t, 'enrollment.button.cancel', 'cancel', 'welcome'),
        ],
      },
    ),
  ];
}

/** The question of a step, with its buttons; the first field of a group also offers the group's form. */
export function ask(ctx: TurnContext, data: EnrollmentData, step: Step, before: string[] = []): Reply[] {
  const { t } = ctx;
  if (step === 'welcome') return before.length ? [post(text(before.join('\n'))), ...welcome(t)] : welcome(t);
  if (step === 'summary') return summary(ctx, data, before);
  const nav = [stepButton(t, 'enrollment.button.back', 'back', step), stepButton(t, 'enrollment.button.cancel', 'cancel', step)];
  const { n, total } = progress(data, step);
  const head = [...before, t('enrollment.step', { n, total })];
  if (step === 'tenant-create') {
    return [
      post(text([...head, t('enrollment.tenant-create.body'), t('enrollment.ask.tenant')].join('\n')), {
        type: 'actions',
        buttons: [
          { label: t('enrollment.button.create-tenant'), actionId: 'enrollment.link', value: step, url: CREATE_TENANT_URL },
          ...nav,
        ],
      }),
    ];
  }
  const lines = [...head, `*${t(`enrollment.ask.${step}`, params(data.values, ctx.locale))}*`, t(`enrollment.example.${step}`)];
  const current = data.values[step];
  if (current !== undefined) lines.push(t('enrollment.current', { value: displayValue(step, current, t, ctx.locale) }));
  const buttons: Button[] = [];
  if (step === 'tenant') {
    lines.push(t('enrollment.tenant.sign-in'));
    buttons.push(
      { label: t('enrollment.button.sign-in'), actionId: 'enrollment.link', value: step, url: ENTRA_SIGN_IN_URL },
      stepButton(t, 'enrollment.button.no-tenant', 'no-tenant', step),
    );
  }
  if (step === 'partnerCountry' && data.values.country) {
    const label = t('enrollment.button.same-country', { country: countryName(data.values.country, ctx.locale) });
    buttons.push({ label, actionId: 'enrollment.answer', value: `${step}|${data.values.country}`, style: 'primary' });
  }
  if (isOptional(step, data.values)) {
    lines.push(t('enrollment.optional'));
    buttons.push(stepButton(t, 'enrollment.button.skip', 'skip', step));
  }
  const blocks: Block[] = [text(lines.join('\n')), { type: 'actions', buttons: [...buttons, ...nav] }];
  const group = groupOf(step);
  if (group && groupFields(data, group)[0] === step && groupFields(data, group).length > 1) blocks.push(form(ctx, data, group));
  return [{ type: 'post', message: { blocks } }];
}

export function form(ctx: TurnContext, data: EnrollmentData, group: FormGroup, errors: Record<string, string> = {}): Block {
  const { t } = ctx;
  return {
    type: 'form',
    formId: `enrollment.${group}`,
    title: t(`enrollment.form.${group}`),
    submitLabel: t('enrollment.form.submit'),
    fields: groupFields(data, group).map((field) => ({
      id: field,
      label: t(`enrollment.field.${field}`),
      kind: FIELD_KIND[field] ?? 'text',
      hint: t(`enrollment.example.${field}`),
      value: data.values[field],
      required: !isOptional(field, data.values),
      ...(errors[field] ? { error: errors[field] } : {}),
    })),
  };
}

/** The group's fields that this enrollment path asks (the shortcut asks the country without the address). */
export function groupFields(data: EnrollmentData, group: FormGroup): FieldId[] {
  return FORM_GROUPS[group].filter((field) => fieldsFor(data.path).includes(field));
}

export function summary(ctx: TurnContext, data: EnrollmentData, before: string[] = []): Reply[] {
  const { t, locale } = ctx;
  const fields = fieldsFor(data.path);
  return [
    post(
      text([...before, t('enrollment.summary.intro')].join('\n')),
      {
        type: 'summary',
        title: t('enrollment.summary.title'),
        fields: answerFields(t, locale, data),
      },
      {
        type: 'actions',
        buttons: fields.map((field) => ({
          label: t('enrollment.button.edit', { field: t(`enrollment.field.${field}`) }),
          actionId: 'enrollment.edit',
          value: `summary|${field}`,
        })),
      },
      {
        type: 'actions',
        buttons: [
          { label: t('enrollment.button.submit'), actionId: 'enrollment.submit', value: data.applicationId, style: 'primary' },
          stepButton(t, 'enrollment.button.back', 'back', 'summary'),
          stepButton(t, 'enrollment.button.cancel', 'cancel', 'summary'),
        ],
      },
    ),
  ];
}

/** Every answer as label/value pairs: the dialog's summary and the reviewer's view. */
export function answerFields(t: Translate, locale: Locale, answers: { path: EnrollmentPath; values: Answers }) {
  return [
    { label: t('enrollment.summary.path'), value: t(`enrollment.path.${answers.path}`) },
    ...fieldsFor(answers.path).map((field) => ({
      label: t(`enrollment.field.${field}`),
      value: displayValue(field, answers.values[field], t, locale),
    })),
  ];
}

export function cancelQuestion(t: Translate, step: Step): Reply[] {
  return [
    post(text(t('enrollment.cancel.ask')), {
      type: 'actions',
      buttons: [
        stepButton(t, 'enrollment.button.cancel-yes', 'cancel-yes', step, { style: 'danger' }),
        stepButton(t, 'enrollment.button.resume', 'resume', step),
      ],
    }),
  ];
}

export function params(values: Answers, locale: Locale): Record<string, string> {
  return { country: values.country ? countryName(values.country, locale) : '' };
}
