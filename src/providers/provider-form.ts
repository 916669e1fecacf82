import type { FormBlock, FormField, Reply } from '../core/replies.js';
import type { Translate } from '../i18n/translator.js';
import type { Organization } from '../org/organizations.js';
import type { FieldProblems, ProviderField } from './provider-input.js';
import { PROVIDER_SERVICES } from './validation.js';

/** The registration form (`provider.add`) or the edit form of an existing provider (`provider.edit`). */
export function providerForm(t: Translate, mode: 'add' | 'edit', org?: Organization): FormBlock {
  const fields: FormField[] = [
    { id: 'legalName', label: t('provider.field.legalName'), kind: 'text', required: mode === 'add', value: org?.legalName },
  ];
  if (mode === 'add')
    fields.push({ id: 'country', label: t('provider.field.country'), kind: 'text', required: true, hint: t('provider.hint.country') });
  fields.push({ id: 'partnerId', label: t('provider.field.partnerId'), kind: 'text', required: mode === 'add', value: org?.partnerId });
  for (const service of PROVIDER_SERVICES) {
    fields.push({
      id: `service.${service}`,
      label: t(`provider.service.${service}`),
      kind: 'checkbox',
      value: org ? String(org.services?.includes(service) ?? false) : 'false',
    });
  }
  fields.push({
    id: 'admins',
    label: t(mode === 'add' ? 'provider.field.admins' : 'provider.field.addAdmins'),
    kind: 'text',
    required: mode === 'add',
    hint: t('provider.hint.admins'),
  });
  return {
    type: 'form',
    formId: `provider.${mode}`,
    title: mode === 'add' ? t('provider.form.addTitle') : t('provider.form.editTitle', { name: org?.legalName ?? '' }),
    fields,
    submitLabel: t(mode === 'add' ? 'provider.form.addSubmit' : 'provider.form.editSubmit'),
  };
}

const formFieldOf = (field: ProviderField): string => (field === 'services' ? `service.${PROVIDER_SERVICES[0]}` : field);

/** Per-field problems as a form-errors reply (a submitted form) ... */
export function formErrors(t: Translate, formId: string, problems: FieldProblems): Reply {
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) errors[formFieldOf(field as ProviderField)] = t(problem.key, problem.params);
  return { type: 'form-errors', formId, errors };
}

/** ... or as lines of text (a one-line command). */
export function problemLines(t: Translate, problems: FieldProblems): string {
  return Object.entries(problems)
    .map(([field, problem]) => `• ${t(`provider.field.${field}`)}: ${t(problem.key, problem.params)}`)
    .join('\n');
}
