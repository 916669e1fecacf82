import { AppError } from '../core/errors.js';
import type { Organization } from '../org/organizations.js';

/**
 * Finds the organization a user means among `candidates`: by id, PartnerID, exact legal name (any case),
 * or a unique part of the name. Refuses with ORG.UNKNOWN / ORG.AMBIGUOUS (naming the matches).
 * @example pickOrg(partners, 'fabrikam') // → the Fabrikam Taiwan Ltd. organization
 */
export function pickOrg(candidates: Organization[], query: string): Organization {
  const wanted = query.trim().toLowerCase();
  if (!wanted) throw new AppError('ORG.MISSING');
  const exact = candidates.filter(
    (org) => org._id === query.trim() || org.partnerId === query.trim() || org.legalName.toLowerCase() === wanted,
  );
  const matches = exact.length ? exact : candidates.filter((org) => wanted && org.legalName.toLowerCase().includes(wanted));
  if (matches.length === 1) return matches[0];
  if (!matches.length) throw new AppError('ORG.UNKNOWN', undefined, { query });
  throw new AppError('ORG.AMBIGUOUS', undefined, { query, names: matches.map((org) => org.legalName).join(', ') });
}
