import type { AuditLog, Clock } from '../core/ports.js';
import type { DataSubject, FoundDocument, PersonalData } from '../infrastructure/personal-data.js';
import type { SecretBox } from '../infrastructure/secret-box.js';
import { normalizeEmail } from '../shared/email.js';
import { pseudonymise, pseudonymsOf } from './pseudonymise.js';
import { erasureOf, type Erasure } from './rules.js';

export interface PrivacyDeps {
  data: PersonalData;
  audit: AuditLog;
  secrets: SecretBox;
  clock: Clock;
}

/** Who asked (an operator at the command line: `cli:<os user>`); recorded in the audit log. */
export type Operator = string;

/** Everything the bot holds about an address, by collection; and what remains of them pseudonymised after an erasure. */
export interface PersonalExport {
  email: string;
  actorKeys: string[];
  exportedAt: string;
  documents: Record<string, unknown[]>;
  pseudonymised: Record<string, unknown[]>;
}

export interface ErasureReport {
  pseudonym: string;
  deleted: Record<string, number>;
  /** Ids of the open invitations and requests addressed to the person, now withdrawn. */
  withdrawn: string[];
  pseudonymised: Record<string, number>;
}

/** The address as stored, or an error that says what is wrong with it. */
function addressOf(email: string): string {
  const address = normalizeEmail(email);
  if (!address) throw new Error(`“${email}” is not an email address`);
  return address;
}

const byCollection = (found: FoundDocument[]) =>
  found.reduce<Record<string, unknown[]>>((all, { collection, doc }) => ({ ...all, [collection]: [...(all[collection] ?? []), doc] }), {});

const mentions = (doc: unknown, subject: DataSubject) => {
  const text = JSON.stringify(doc).toLowerCase();
  return [subject.email, ...subject.actorKeys].some((needle) => text.includes(needle.toLowerCase()));
};

/** Exports what the bot holds about `email` (the audit log records that it was exported, under the pseudonym). */
export async function exportPersonalData(deps: PrivacyDeps, email: string, by: Operator): Promise<PersonalExport> {
  const subject = await deps.data.subjectOf(addressOf(email));
  const pseudonyms = pseudonymsOf(deps.secrets.pseudonym(subject.email));
  const found = await deps.data.find(subject, [pseudonyms.email, pseudonyms.actorKey]);
  const theirs = found.filter(({ doc }) => mentions(doc, subject));
  const result: PersonalExport = {
    email: subject.email,
    actorKeys: subject.actorKeys,
    exportedAt: deps.clock.now().toISOString(),
    documents: byCollection(theirs),
    pseudonymised: byCollection(found.filter((item) => !theirs.includes(item))),
  };
  await record(deps, 'privacy.exported', pseudonyms.id, by, { documents: theirs.length });
  return result;
}

/**
 * Erases `email`: deletes what is theirs, withdraws the open invitations and requests addressed to them, and
 * pseudonymises what others keep (rules.ts). Audited under the pseudonym, never the address.
 */
export async function erasePersonalData(deps: PrivacyDeps, email: string, by: Operator): Promise<ErasureReport> {
  const subject = await deps.data.subjectOf(addressOf(email));
  const pseudonyms = pseudonymsOf(deps.secrets.pseudonym(subject.email));
  const report: ErasureReport = { pseudonym: pseudonyms.id, deleted: {}, withdrawn: [], pseudonymised: {} };
  const count = (what: Record<string, number>, collection: string) => (what[collection] = (what[collection] ?? 0) + 1);
  for (const found of await deps.data.find(subject)) {
    const erasure: Erasure = erasureOf(found, subject);
    if (erasure === 'pseudonymise') {
      await deps.data.replace(found, pseudonymise(found.doc, subject, pseudonyms));
      count(report.pseudonymised, found.collection);
    } else {
      await deps.data.remove(found);
      if (erasure === 'withdraw') report.withdrawn.push(String(found.doc._id));
      else count(report.deleted, found.collection);
    }
  }
  await record(deps, 'privacy.erased', pseudonyms.id, by, { ...report });
  return report;
}

function record(deps: PrivacyDeps, action: string, pseudonym: string, by: Operator, details: Record<string, unknown>) {
  return deps.audit.record({ actorKey: by, platform: 'system', action, subject: `privacy:${pseudonym}`, details, at: deps.clock.now() });
}
