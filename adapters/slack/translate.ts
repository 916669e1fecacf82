import type { Input } from '../../src/public.js';

/**
 * Slack → neutral input. Slack wraps what users type: `<mailto:a@b.com|a@b.com>`,
 * `<https://contoso.com|contoso.com>`, `<#C01|general>`, and escapes &, < and >.
 */
export function slackTextToPlain(value: string): string {
  return value
    .replace(/<mailto:([^|>]+)(?:\|([^>]+))?>/g, (_, address: string, label?: string) => label ?? address)
    .replace(/<((?:https?|ftp):[^|>]+)(?:\|([^>]+))?>/g, (_, url: string, label?: string) => label ?? url)
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `/csp invite-reseller a@b.com Hi` → command `invite-reseller` with args `a@b.com Hi`; bare `/csp` → help. */
export function commandInput(text: string): Extract<Input, { kind: 'command' }> {
  const plain = slackTextToPlain(text).trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(plain);
  return match ? { kind: 'command', name: match[1].toLowerCase(), args: match[2] } : { kind: 'command', name: 'help', args: '' };
}

export function messageInput(text: string): Extract<Input, { kind: 'message' }> {
  return { kind: 'message', text: slackTextToPlain(text).trim() };
}
