import { escapeHtml } from '../core/markup.js';
import type { Mail } from '../core/ports.js';

/** The parts of a notification email before it is laid out. */
export interface MailContent {
  subject: string;
  /** Paragraphs, already translated. */
  paragraphs: string[];
  /** The one thing to click, on PUBLIC_URL. */
  link?: { label: string; url: string };
  /** Why it is sent, e.g. `reminder.verify-resend`. */
  tag: string;
}

/**
 * Lays out a notification as plain text and simple HTML (the link is written out in both, so it
 * survives clients that strip HTML).
 * @example renderMail({ subject: 'Verify', paragraphs: ['Hello'], link: { label: 'Verify', url: 'https://bot/verify-email/t' }, tag: 'enrollment.verify' })
 */
export function renderMail(content: MailContent): Omit<Mail, 'to' | 'locale'> {
  const link = content.link;
  const text = [...content.paragraphs, ...(link ? [`${link.label}: ${link.url}`] : [])].join('\n\n');
  const html = [
    ...content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a><br>${escapeHtml(link.url)}</p>`] : []),
  ].join('\n');
  return { subject: content.subject, text, html: `<!doctype html>\n<html><body>\n${html}\n</body></html>`, tag: content.tag };
}
