/**
 * Block Kit limits (https://api.slack.com/reference/block-kit) and the helpers that keep every
 * payload inside them: long text is split into several sections, short fields are truncated with
 * a visible ellipsis, long messages are split into several messages.
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  actionId: 255,
  blockId: 255,
  buttonText: 75,
  buttonValue: 2000,
  elementsPerActions: 25,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewSubmit: 24,
  inputLabel: 2000,
  hint: 2000,
  initialValue: 3000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  privateMetadata: 3000,
  /** The top-level `text` notification fallback (Slack truncates at 40k; keep it readable). */
  fallbackText: 3000,
} as const;

/** The marker a truncated text ends with. */
export const TRUNCATED = '…';

export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, Math.max(0, max - TRUNCATED.length))}${TRUNCATED}`;
}

/** Splits text into pieces of at most `max` characters, preferring line breaks, then spaces. */
export function splitText(value: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = value;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  pieces.push(rest);
  return pieces.filter((piece, index) => piece.length > 0 || index === 0);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** Slack mrkdwn needs &, < and > escaped; the core writes plain text with *bold* only. */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
