import { escapeHtml, mapMarkup } from '../../../src/public.js';

export { escapeHtml };

/** A tagged template whose interpolations are escaped unless they are already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | Html[];

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((part, index) => {
    out += render(part) + strings[index + 1];
  });
  return new Html(out);
}

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  return part instanceof Html ? part.value : escapeHtml(String(part));
}

/**
 * The core's light markdown as HTML: `*bold*`, line breaks, and URLs as links. Links to this bot
 * (`publicUrl`) become local paths so they work whatever host name the page was opened with.
 */
export function richText(text: string, publicUrl: string): Html {
  const linkify = (plain: string) =>
    escapeHtml(plain).replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => {
      const local = localPath(url.replace(/&amp;/g, '&'), publicUrl);
      return `<a href="${escapeHtml(local)}">${url}</a>`;
    });
  return new Html(mapMarkup(text, (bold) => `<strong>${bold}</strong>`, linkify).replace(/\n/g, '<br>'));
}

export function localPath(url: string, publicUrl: string): string {
  return publicUrl && url.startsWith(`${publicUrl}/`) ? url.slice(publicUrl.length) : url;
}
