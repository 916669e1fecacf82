import { decideCustomerInvite, decideRequest, evolveRequest, type RequestCommand, type RequestState } from '../../src/customers/states.js';
import type { Decision } from '../../src/core/decider.js';
import {
  decideInvitation,
  decideInvite,
  evolveInvitation,
  type InvitationCommand,
  type InvitationState,
} from '../../src/partnerships/states.js';
import { checkProvider } from '../../src/providers/provider-input.js';

const now = new Date('2026-11-02T09:00:00Z');
const later = new Date('2027-01-31T09:00:00Z');
const facts = { expiresAt: later, providerCountry: 'TW' };
const contoso = { orgId: 'org_contoso', country: 'TW' };

/** given a state, when a command, then an event or a refusal code. */
const then = <E>(decision: Decision<E>) => (decision.ok ? decision.event : decision.refusal.code);

describe('Flow 2 decider: the reseller invitation', () => {
  const pending: InvitationState = { status: 'pending', tokenGeneration: 1 };
  const authorize = (extra: Partial<Extract<InvitationCommand, { type: 'authorize' }>> = {}): InvitationCommand => ({
    type: 'authorize',
    by: 'web:web:rita',
    at: now,
    consent: true,
    invitedReseller: contoso,
    actorAdminOf: 'org_contoso',
    ...extra,
  });

  it.each<[string, InvitationCommand, InvitationState, unknown]>([
    [
      'authorizes with consent, by the invited admin',
      authorize(),
      pending,
      { type: 'authorized', resellerOrgId: 'org_contoso', by: 'web:web:rita', at: now },
    ],
    ['needs the consent box', authorize({ consent: false }), pending, 'PARTNERSHIP.CONSENT_REQUIRED'],
    ['refuses an admin of another reseller', authorize({ actorAdminOf: 'org_adatum' }), pending, 'PARTNERSHIP.NOT_INVITED_ADMIN'],
    ['refuses a non-admin', authorize({ actorAdminOf: undefined }), pending, 'PARTNERSHIP.NOT_INVITED_ADMIN'],
    ['refuses before the reseller has enrolled', authorize({ invitedReseller: undefined }), pending, 'PARTNERSHIP.RESELLER_NOT_ENROLLED'],
    [
      'refuses another region',
      authorize({ invitedReseller: { orgId: 'org_contoso', country: 'JP' } }),
      pending,
      'PARTNERSHIP.REGION_MISMATCH',
    ],
    ['refuses after 90 days', authorize({ at: later }), pending, 'INVITATION.EXPIRED'],
    ['refuses a second answer', authorize(), { status: 'declined', by: 'x', at: now }, 'INVITATION.ALREADY_DECLINED'],
    [
      'lets the invitee decline',
      { type: 'decline', by: 'k', at: now, actorIsInvitee: true },
      pending,
      { type: 'declined', by: 'k', at: now },
    ],
    [
      'refuses a stranger’s decline',
      { type: 'decline', by: 'k', at: now, actorIsInvitee: false },
      pending,
      'PARTNERSHIP.NOT_INVITED_ADMIN',
    ],
    [
      'resends with the next token generation',
      { type: 'resend', by: 'p', at: now, actorAdminOfProvider: true },
      pending,
      { type: 'resent', tokenGeneration: 2, at: now },
    ],
    ['refuses a resend by a non-admin', { type: 'resend', by: 'p', at: now, actorAdminOfProvider: false }, pending, 'PROVIDER.NOT_ADMIN'],
  ])('%s', (_name, command, state, expected) => {
    expect(then(decideInvitation(command, state, facts))).toEqual(expected);
  });

  it('evolves into the answered state', () => {
    expect(evolveInvitation(pending, { type: 'declined', by: 'k', at: now })).toEqual({ status: 'declined', by: 'k', at: now });
  });

  it.each([
    ['no provider admin', { provider: undefined }, 'PROVIDER.NOT_ADMIN'],
    ['a malformed email', { email: undefined }, 'PARTNERSHIP.EMAIL_INVALID'],
    ['existing partners', { alreadyPartners: true }, 'PARTNERSHIP.ALREADY_PARTNERS'],
    ['a pending invitation', { pendingInvitationId: 'pinv_1' }, 'PARTNERSHIP.PENDING'],
    ['another country', { reseller: { orgId: 'o', country: 'JP', legalName: 'J' } }, 'PARTNERSHIP.REGION_MISMATCH'],
    ['an unknown reseller (checked at acceptance)', { reseller: undefined }, { type: 'invite' }],
  ])('invite-reseller with %s', (_name, extra, expected) => {
    const base = {
      provider: contoso,
      rawEmail: 'a@b.tw',
      email: 'a@b.tw',
      alreadyPartners: false,
      reseller: { ...contoso, legalName: 'C' },
    };
    expect(then(decideInvite({ ...base, ...extra }))).toEqual(expected);
  });
});

describe('Flow 3 decider: the customer relationship request', () => {
  const draft: RequestState = { status: 'pending', delivery: 'draft' };
  const requestFacts = { expiresAt: later, resellerCountry: 'TW' };
  const approve = (extra: Partial<Extract<RequestCommand, { type: 'approve' }>> = {}): RequestCommand => ({
    type: 'approve',
    by: 'w',
    at: now,
    mayAnswer: true,
    customerOrgId: 'org_wingtip',
    customerCountry: 'TW',
    ...extra,
  });

  it.each<[string, RequestCommand, RequestState, unknown]>([
    [
      'approves (even before the draft was marked sent)',
      approve(),
      draft,
      { type: 'approved', customerOrgId: 'org_wingtip', by: 'w', at: now },
    ],
    ['refuses someone who is not the customer’s admin', approve({ mayAnswer: false }), draft, 'CUSTOMER.NOT_INVITED_ADMIN'],
    ['refuses a customer in another region', approve({ customerCountry: 'JP' }), draft, 'CUSTOMER.REGION_MISMATCH'],
    ['refuses after 90 days', approve({ at: later }), draft, 'CUSTOMER.REQUEST_LAPSED'],
    ['refuses a second answer', approve(), { status: 'approved', customerOrgId: 'o', by: 'w', at: now }, 'CUSTOMER.ALREADY_APPROVED'],
    [
      'sends a draft once',
      { type: 'deliver', how: 'bot', by: 'r', at: now, actorIsRequester: true },
      { status: 'pending', delivery: 'sent-by-reseller' },
      'CUSTOMER.ALREADY_SENT',
    ],
    [
      'refuses sending by another reseller',
      { type: 'deliver', how: 'bot', by: 'o', at: now, actorIsRequester: false },
      draft,
      'CUSTOMER.NOT_REQUESTER',
    ],
  ])('%s', (_name, command, state, expected) => {
    expect(then(decideRequest(command, state, requestFacts))).toEqual(expected);
  });

  it('records how the request was delivered', () => {
    expect(evolveRequest(draft, { type: 'delivered', how: 'reseller', at: now })).toEqual({
      status: 'pending',
      delivery: 'sent-by-reseller',
    });
  });

  it.each([
    ['defaults to 730 days', {}, { type: 'issue', days: 730 }],
    ['accepts --days 1', { rawDays: '1' }, { type: 'issue', days: 1 }],
    ['refuses 731 days', { rawDays: '731' }, 'CUSTOMER.DAYS_INVALID'],
    ['refuses 1.5 days', { rawDays: '1.5' }, 'CUSTOMER.DAYS_INVALID'],
    ['refuses @microsoft.com', { email: 'x@microsoft.com' }, 'CUSTOMER.MICROSOFT_EMAIL'],
    ['refuses the own domain and its subdomains', { email: 'x@it.contoso.com.tw' }, 'CUSTOMER.OWN_DOMAIN'],
    ['refuses an unauthorized provider', { provider: { query: 'Northwind', authorized: false } }, 'CUSTOMER.PROVIDER_NOT_AUTHORIZED'],
    ['refuses a caller without the role', { mayRequest: false }, 'CUSTOMER.NOT_RESELLER_AGENT'],
  ])('invite-customer %s', (_name, extra, expected) => {
    const base = { mayRequest: true, rawEmail: 'it@wingtip.com.tw', email: 'it@wingtip.com.tw', ownDomains: ['contoso.com.tw'] };
    expect(then(decideCustomerInvite({ ...base, ...extra }))).toEqual(expected);
  });
});

describe('provider registration input', () => {
  it('accepts a complete registration and normalizes it', () => {
    const { draft, problems } = checkProvider(
      {
        legalName: ' Fabrikam Ltd ',
        country: 'tw',
        partnerId: '1234567',
        services: 'marketing, customer-support',
        admins: 'Pam@Fabrikam.com.tw',
      },
      'add',
    );
    expect(problems).toEqual({});
    expect(draft).toEqual({
      legalName: 'Fabrikam Ltd',
      country: 'TW',
      partnerId: '1234567',
      services: ['customer-support', 'marketing'],
      admins: ['pam@fabrikam.com.tw'],
    });
  });

  it('checks only the given fields of an edit and never the country', () => {
    expect(checkProvider({ services: 'financing', country: 'JP' }, 'edit')).toEqual({ draft: { services: ['financing'] }, problems: {} });
  });
});
