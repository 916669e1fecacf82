/**
 * The neutral output of the core: messages made of blocks, which each adapter renders
 * (Block Kit, Adaptive Cards, the web playground).
 *
 * @example
 * const reply: Reply = {
 *   type: 'post',
 *   message: { blocks: [
 *     { type: 'text', text: 'Authorize Fabrikam as your indirect provider?' },
 *     { type: 'actions', buttons: [{ label: 'Decline', actionId: 'partnership.decline', value: 'inv_1', style: 'danger',
 *       confirm: { title: 'Decline?', text: 'Fabrikam will be told.', confirm: 'Decline', deny: 'Keep' } }] },
 *   ] },
 * };
 */
export interface TextBlock {
  type: 'text';
  /** Plain text with light markdown (*bold*, line breaks, <url|label> links are not used: write URLs out). */
  text: string;
}

export interface SummaryBlock {
  type: 'summary';
  title: string;
  fields: Array<{ label: string; value: string }>;
}

export interface Confirmation {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface Button {
  label: string;
  /** Routes the press in the core, e.g. `enrollment.submit`; at most 255 characters. */
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
  /** Present on irreversible actions: the platform asks before sending the press. */
  confirm?: Confirmation;
  /** A link button: opens the URL instead of sending a press. */
  url?: string;
  /**
   * The press only shows something (details, a list) and changes nothing, so the button may stay on a message
   * in a channel or group chat; a message with any other button is personal and goes to the person's 1:1 chat.
   */
  onlyShows?: boolean;
}

export interface ActionsBlock {
  type: 'actions';
  buttons: Button[];
}

export interface FormField {
  id: string;
  label: string;
  kind: 'text' | 'email' | 'tel' | 'url' | 'multiline' | 'checkbox' | 'select';
  /** Help under the field; for a checkbox, the statement beside the box (the label is then its short heading). */
  hint?: string;
  value?: string;
  /** The per-field validation message shown next to the field. */
  error?: string;
  required?: boolean;
  options?: Array<{ label: string; value: string }>;
}

export interface FormBlock {
  type: 'form';
  /** Routes the submission in the core, e.g. `enrollment.address`. */
  formId: string;
  title: string;
  fields: FormField[];
  submitLabel: string;
  /** Extra buttons beside submit (e.g. Decline), sent as actions with the form's values ignored. */
  buttons?: Button[];
}

export type Block = TextBlock | SummaryBlock | ActionsBlock | FormBlock;

export interface Message {
  blocks: Block[];
}

export type Reply =
  /** A new message in the conversation the event came from. */
  | { type: 'post'; message: Message }
  /** Replace the message the user clicked (so it keeps no stale buttons). */
  | { type: 'update'; messageId: string; message: Message }
  /** Per-field errors for a submitted form (Slack modal `response_action: errors`; inline elsewhere). */
  | { type: 'form-errors'; formId: string; errors: Record<string, string> };

export const text = (value: string): TextBlock => ({ type: 'text', text: value });
export const post = (...blocks: Block[]): Reply => ({ type: 'post', message: { blocks } });
