/**
 * The core's one inline markup: `*bold*`, the way Slack writes it. Adapters turn the spans into their
 * own syntax (Adaptive Card `**bold**`, HTML `<strong>`, Slack `*bold*`).
 *
 * Unlike Slack's own parser this also works next to CJK text (`可以*代表您的客戶*；`), and a `*` that
 * does not open a word (`*.onmicrosoft.com`) stays a literal asterisk.
 * @example inlineSpans('Invite *Fabrikam* now') // → [{text:'Invite ',bold:false},{text:'Fabrikam',bold:true},{text:' now',bold:false}]
 */
export interface Span {
  text: string;
  bold: boolean;
}

// Opens before a letter, digit, quote or bracket, unless glued to a preceding Latin letter or digit;
// closes after a non-space, unless followed by a Latin letter or digit.
const BOLD = /(?<![A-Za-z0-9*])\*(?=[\p{L}\p{N}“"'(（「])([^*\n]*?[^\s*])\*(?![A-Za-z0-9*])/gu;

export function inlineSpans(line: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const match of line.matchAll(BOLD)) {
    if (match.index > last) spans.push({ text: line.slice(last, match.index), bold: false });
    spans.push({ text: match[1], bold: true });
    last = match.index + match[0].length;
  }
  if (last < line.length) spans.push({ text: line.slice(last), bold: false });
  return spans;
}

/** Rewrites every bold span of `text` with `wrap`, and every plain span with `plain` (escaping, say). */
export function mapMarkup(text: string, wrap: (bold: string) => string, plain: (text: string) => string = (value) => value): string {
  return text
    .split('\n')
    .map((line) =>
      inlineSpans(line)
        .map((span) => (span.bold ? wrap(plain(span.text)) : plain(span.text)))
        .join(''),
    )
    .join('\n');
}

/** Escapes text for HTML element content and double-quoted attributes (web pages, emails). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}
