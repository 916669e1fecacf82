import type { DataSubject } from '../infrastructure/personal-data.js';

/** What replaces an erased person in the documents that stay (the audit log, answered invitations, contacts). */
export interface Pseudonyms {
  /** A keyed hash of the address (SECRETS_KEY): the same person erased twice gets the same pseudonym. */
  id: string;
  email: string;
  actorKey: string;
}

export const pseudonymsOf = (hash: string): Pseudonyms => ({
  id: hash,
  email: `erased-${hash}@erased.invalid`,
  actorKey: `erased:${hash}`,
});

/** Fields that name the person next to their address or identity (a contact's name and phone, an inviter's name). */
const NAMES_BESIDE = ['name', 'displayName', 'inviterName', 'phone'];
const ERASED = '(erased)';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The document with the person replaced by their pseudonyms: the address and each actorKey wherever they occur
 * (also inside texts), and the names beside them. Dates, numbers and ids of other things stay.
 */
export function pseudonymise(doc: Record<string, unknown>, subject: DataSubject, pseudonyms: Pseudonyms): Record<string, unknown> {
  const pattern = new RegExp([subject.email, ...subject.actorKeys].map(escape).join('|'), 'gi');
  const replace = (text: string) =>
    text.replace(pattern, (match) => (match.toLowerCase() === subject.email ? pseudonyms.email : pseudonyms.actorKey));
  const isPerson = (value: unknown) =>
    typeof value === 'string' && (value.toLowerCase() === subject.email || subject.actorKeys.includes(value));
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return replace(value);
    if (Array.isArray(value)) return value.map(visit);
    if (!value || Object.getPrototypeOf(value) !== Object.prototype) return value;
    const entries = Object.entries(value);
    const names = entries.some(([, item]) => isPerson(item));
    return Object.fromEntries(
      entries.map(([key, item]) => [key, names && NAMES_BESIDE.includes(key) && typeof item === 'string' ? ERASED : visit(item)]),
    );
  };
  const { _id, ...rest } = doc;
  return { _id, ...(visit(rest) as Record<string, unknown>) };
}
