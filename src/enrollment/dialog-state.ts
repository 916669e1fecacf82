import { z } from 'zod';
import type { DialogState } from '../core/ports.js';
import { newApplicationId } from './application.js';
import { FIELD_IDS, fieldsFor, isFieldId, type Answers, type EnrollmentPath, type FieldId } from './answers.js';
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
  /** The stored state did not parse (written by an older version, or damaged): rebuilt from the parts that did. */
  repaired?: true;
}

const stepSchema = z.enum(['welcome', 'tenant-create', 'summary', ...FIELD_IDS]);
const pathSchema = z.enum(['new', 'already-enrolled']);
const answerSchema = z.string().max(1000);
const dialogSchema = z.object({
  step: stepSchema,
  data: z.object({
    applicationId: z.string().min(1),
    path: pathSchema,
    values: z.object(Object.fromEntries(FIELD_IDS.map((id) => [id, answerSchema.optional()]))),
    confirmingCancel: z.boolean().optional(),
  }),
});

/** The enrollment dialog stored in `state`, checked field by field; undefined when another flow (or none) is active. */
export function readDialog(state: DialogState | undefined): EnrollmentDialog | undefined {
  if (!state || state.flow !== FLOW) return undefined;
  const parsed = dialogSchema.safeParse(state);
  if (parsed.success) {
    const { step, data } = parsed.data;
    return { step, data: { ...data, values: { ...(data.values as Answers) } } };
  }
  return repair(state);
}

/** Keeps every answer that still parses and asks again from the stored step (or the first one missing). */
function repair(state: DialogState): EnrollmentDialog {
  const raw: Record<string, unknown> = typeof state.data === 'object' && state.data !== null ? state.data : {};
  const stored = typeof raw.values === 'object' && raw.values !== null ? (raw.values as Record<string, unknown>) : {};
  const values: Answers = {};
  for (const id of FIELD_IDS) {
    const value = answerSchema.safeParse(stored[id]);
    if (value.success) values[id] = value.data;
  }
  const id = z.string().min(1).safeParse(raw.applicationId);
  const path = pathSchema.safeParse(raw.path);
  const data: EnrollmentData = { applicationId: id.success ? id.data : newApplicationId(), path: path.success ? path.data : 'new', values };
  return { step: resumeAt(data, stepSchema.safeParse(state.step).data), data, repaired: true };
}

/** The stored step, unless an answer before it was lost (then that one) or it is not a step of this path. */
function resumeAt(data: EnrollmentData, stored: Step | undefined): Step {
  const missing = nextStep(data);
  if (stored === 'welcome' || stored === 'tenant-create') return stored;
  const fields = fieldsFor(data.path);
  const order = (step: Step) => (step === 'summary' ? fields.length : fields.indexOf(step as FieldId));
  return stored === undefined || order(stored) < 0 || order(missing) < order(stored) ? missing : stored;
}

export function toDialogState(dialog: EnrollmentDialog): DialogState {
  const { step, data } = dialog;
  return { flow: FLOW, step, data: { ...data } };
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
