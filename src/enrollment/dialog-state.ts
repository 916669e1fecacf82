import type { DialogState } from '../core/ports.js';
import { fieldsFor, isFieldId, type Answers, type EnrollmentPath, type FieldId } from './answers.js';
import { firstInvalid } from './validation.js';

export const FLOW = 'enrollment';

/** Steps: the welcome, each field, the create-tenant instructions and the summary. */
export type Step = 'welcome' | 'tenant-create' | 'summary' | FieldId;

export interface EnrollmentData {
  /** Chosen at the start so a repeated "Enroll now" press claims the same id. */
  applicationId: string;
  path: EnrollmentPath;
  values: Answers;
  confirmingCancel?: boolean;
}

export interface EnrollmentDialog {
  step: Step;
  data: EnrollmentData;
}

export function readDialog(state: DialogState | undefined): EnrollmentDialog | undefined {
  if (!state || state.flow !== FLOW) return undefined;
  const data = state.data as unknown as EnrollmentData;
  return { step: state.step as Step, data: { ...data, values: { ...data.values } } };
}

export function toDialogState(dialog: EnrollmentDialog): DialogState {
  return { flow: FLOW, step: dialog.step, data: dialog.data as unknown as Record<string, unknown> };
}

/** The step after an answer: the first field still missing or made invalid by an edit, else the summary. */
export function nextStep(data: EnrollmentData): Step {
  return firstInvalid(fieldsFor(data.path), data.values) ?? 'summary';
}

export function previousStep(data: EnrollmentData, step: Step): Step | undefined {
  const fields = fieldsFor(data.path);
  if (step === 'welcome') return undefined;
  if (step === 'tenant-create') return 'tenant';
  if (step === 'summary') return fields[fields.length - 1];
  const index = fields.indexOf(step);
  return index > 0 ? fields[index - 1] : 'welcome';
}

/** 1-based position among the path's fields, for "step n of m". */
export function progress(data: EnrollmentData, step: Step): { n: number; total: number } {
  const fields = fieldsFor(data.path);
  const field = step === 'tenant-create' ? 'tenant' : step;
  const index = isFieldId(field) ? fields.indexOf(field) : step === 'summary' ? fields.length : -1;
  return { n: index + 1, total: fields.length };
}
