import type { CoreServices } from '../core/services.js';
import type { AuditEntry } from '../core/ports.js';
import type { Organization } from '../org/organizations.js';

/**
 * The organization's audit log, plus the entries of the enrollment application it came from (those
 * were written before the organization existed, so they carry no orgId).
 */
export async function auditEntries(services: Pick<CoreServices, 'audit'>, org: Organization, limit: number): Promise<AuditEntry[]> {
  const own = await services.audit.list(org._id, limit);
  const before = org.applicationId ? await services.audit.bySubject(org.applicationId) : [];
  const seen = new Set(own.map((entry) => entry._id));
  return [...own, ...before.filter((entry) => !seen.has(entry._id))]
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .slice(0, limit);
}
