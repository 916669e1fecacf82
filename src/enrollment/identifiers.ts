import type { TurnContext } from '../core/module.js';
import type { CoreServices } from '../core/services.js';
import type { Organization } from '../org/organizations.js';
import type { Answers } from './answers.js';
import type { EnrollmentStore } from './store.js';

/**
 * A tenant or PartnerID enrolls one reseller. An application takes both when it is submitted (an insert under
 * `tenant:<value>` / `partnerid:<value>`: of two applicants at once, one wins), a rejection lets them go (an appeal
 * takes them again), and the dialog asks about them as soon as they are typed. Someone refused is told whom to ask:
 * the reseller's admins, or whoever sent the application waiting with it — by display name only.
 */
export type IdentifierField = 'tenant' | 'partnerId';
export const IDENTIFIER_FIELDS: readonly IdentifierField[] = ['tenant', 'partnerId'];

/** A hold whose application never appeared this long after is what a killed submission left: free again. */
const STALE_MS = 10 * 60_000;

const keyOf = (field: IdentifierField, value: string) => `${field.toLowerCase()}:${value.toLowerCase()}`;

export type Taken =
  | { field: IdentifierField; value: string; code: 'ENROLLMENT.ALREADY_ENROLLED'; org: string; admins: string }
  | { field: IdentifierField; value: string; code: 'ENROLLMENT.ALREADY_WAITING'; applicant: string };

export function enrollmentIdentifiers(services: Pick<CoreServices, 'organizations' | 'clock'>, store: EnrollmentStore) {
  async function enrolled(field: IdentifierField, value: string, org: Organization): Promise<Taken> {
    const members = await services.organizations.members(org._id);
    const admins = members.filter((m) => m.roles.includes('global-admin') && m.displayName).map((m) => m.displayName);
    return { field, value, code: 'ENROLLMENT.ALREADY_ENROLLED', org: org.legalName, admins: admins.join(', ') };
  }

  /** Who has the value besides application `self`: a reseller organization, or an application still open. */
  async function holder(field: IdentifierField, value: string, self: string): Promise<Taken | undefined> {
    const hold = await store.identifierHold(keyOf(field, value));
    if (hold?.applicationId === self) return undefined;
    if (hold) {
      const app = await store.application(hold.applicationId);
      const org = app?.orgId ? await services.organizations.get(app.orgId) : undefined;
      if (org) return enrolled(field, value, org);
      const stale = app ? app.state.status === 'rejected' : services.clock.now().getTime() - hold.at.getTime() > STALE_MS;
      if (!stale) return { field, value, code: 'ENROLLMENT.ALREADY_WAITING', applicant: hold.applicant };
    }
    const org =
      field === 'tenant'
        ? await services.organizations.withTenant('reseller', value)
        : await services.organizations.withPartnerId('reseller', value);
    return org ? enrolled(field, value, org) : undefined;
  }

  /** Takes one value for the application, after letting go of a hold that holds nothing any more (stale, rejected). */
  async function take(field: IdentifierField, value: string, applicationId: string, applicant: string): Promise<Taken | undefined> {
    const key = keyOf(field, value);
    const hold = { _id: key, applicationId, applicant, at: services.clock.now() };
    if (await store.holdIdentifier(hold)) return undefined;
    const taken = await holder(field, value, applicationId);
    if (taken) return taken;
    const previous = await store.identifierHold(key);
    if (!previous || previous.applicationId === applicationId) return undefined;
    await store.releaseIdentifiers(previous.applicationId, key);
    // Another applicant may have taken it between the release and this insert: then they hold it.
    return (await store.holdIdentifier(hold)) ? undefined : holder(field, value, applicationId);
  }

  return {
    /** Whether a typed tenant or PartnerID is free for this application (the dialog asks at once). */
    check: (field: IdentifierField, value: string, applicationId: string) => holder(field, value, applicationId),

    /** Takes the application's tenant and PartnerID (at submission, and again on appeal); on a refusal, none stays taken. */
    async take(applicationId: string, applicant: string, values: Answers): Promise<Taken | undefined> {
      const taken: IdentifierField[] = [];
      for (const field of IDENTIFIER_FIELDS) {
        const value = values[field];
        if (!value) continue;
        const refused = await take(field, value, applicationId, applicant);
        if (refused) {
          for (const done of taken) await store.releaseIdentifiers(applicationId, keyOf(done, values[done] ?? ''));
          return refused;
        }
        taken.push(field);
      }
      return undefined;
    },

    release: (applicationId: string) => store.releaseIdentifiers(applicationId),
  };
}

export type EnrollmentIdentifiers = ReturnType<typeof enrollmentIdentifiers>;

/** The refusal as the person reads it: what is taken, by whom, and what to do. */
export function takenMessage(ctx: Pick<TurnContext, 't'>, taken: Taken): string {
  const what = ctx.t(`enrollment.identifier.${taken.field}`, { value: taken.value });
  if (taken.code === 'ENROLLMENT.ALREADY_ENROLLED')
    return ctx.t(`error.${taken.code}`, { what, org: taken.org, admins: taken.admins || ctx.t('enrollment.identifier.no-names') });
  return ctx.t(`error.${taken.code}`, { what, applicant: taken.applicant });
}
