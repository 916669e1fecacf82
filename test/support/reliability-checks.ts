import type { Cluster } from './reliability-cluster.js';
import type { FlowUser } from './reliability-flow.js';

/**
 * What the database says happened, per person: the application, its audited transitions and the
 * reminders sent — to count what was lost and what happened twice.
 */
export interface AuditRow {
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
}

/** A transition's identity: subject + action (+ the reminder kind, + whether a verification mail was a resend). */
export function transitionKey(row: AuditRow): string {
  const details = row.details ?? {};
  const extra =
    row.action === 'reminder.sent'
      ? `:${String(details.kind)}`
      : row.action === 'enrollment.verification-sent'
        ? `:${String(details.resend)}`
        : '';
  return `${row.subject}|${row.action}${extra}`;
}

/** Transitions recorded more than once (key → count). */
export function duplicatedTransitions(rows: AuditRow[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(transitionKey(row), (counts.get(transitionKey(row)) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, count]) => count > 1));
}

export async function auditRows(cluster: Cluster): Promise<AuditRow[]> {
  return cluster.db.connection.collection('audit').find({}).toArray() as unknown as Promise<AuditRow[]>;
}

export interface EnrollmentOutcome {
  user: string;
  applicationId?: string;
  status?: string;
  /** Expected transitions missing from the audit log. */
  missing: string[];
}

/** Each person's application and the transitions the enrollment must have recorded for it. */
export async function enrollmentOutcomes(
  cluster: Cluster,
  users: FlowUser[],
  rows: AuditRow[],
  reminderKinds: string[] = [],
): Promise<EnrollmentOutcome[]> {
  const applications = await cluster.db.connection.collection('applications').find({}).toArray();
  const keys = new Set(rows.map(transitionKey));
  return users.map((user) => {
    const app = applications.find((candidate) => candidate.applicant?.actorKey === user.actorKey);
    if (!app) return { user: user.name, missing: ['application'] };
    const expected = [
      `${app._id}|enrollment.submitted`,
      `${app._id}|enrollment.verification-sent:false`,
      ...reminderKinds.map((kind) => `${app._id}|reminder.sent:${kind}`),
    ];
    const wrongAnswers = app.answers?.values?.legalName !== `${user.name} Ltd.` || app.contactEmail !== user.email ? ['answers'] : [];
    return {
      user: user.name,
      applicationId: String(app._id),
      status: app.state?.status,
      missing: [...expected.filter((key) => !keys.has(key)), ...wrongAnswers],
    };
  });
}

/** Runs `work` over `items` with at most `limit` running at once. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}
