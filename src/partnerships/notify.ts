import type { Locale } from '../core/events.js';
import type { Composer } from '../core/notifier.js';
import { catalogs } from '../i18n/catalogs.js';
import { createTranslator, type Translate } from '../i18n/translator.js';
import type { Mail } from '../core/ports.js';
import type { CoreServices } from '../core/services.js';
import type { Membership } from '../org/organizations.js';
import { isAdmin } from '../org/roles.js';

/** Tells every admin of an organization (in chat where known, else by email). */
export async function notifyOrgAdmins(services: CoreServices, orgId: string, compose: Composer): Promise<void> {
  const members = await services.orgs.Membership.find({ orgId }).lean<Membership[]>();
  for (const member of members.filter((m) => isAdmin(m.roles))) {
    await services.notifier.notify({ actorKey: member.actorKey, email: member.email }, compose);
  }
}

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A plain email with an optional link written out in full (the link is never shortened or altered). */
export function mailOf(tag: string, subject: string, body: string, link?: string): Omit<Mail, 'to' | 'locale'> {
  const text = link ? `${body}\n\n${link}\n` : `${body}\n`;
  const html = `<p>${escape(body).replace(/\n/g, '<br>')}</p>${link ? `<p><a href="${escape(link)}">${escape(link)}</a></p>` : ''}`;
  return { tag, subject, text, html };
}

/** The translator for a recipient's locale (messages to other people are composed outside the turn's locale). */
export const translatorFor = (locale: Locale): Translate => createTranslator(catalogs, locale);
