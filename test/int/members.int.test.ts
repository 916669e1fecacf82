import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';
import { enrollThroughSummary, operator, say, submitAndVerify, usAnswersFor } from '../support/enrollment-driver.js';

let h: Harness;
const ana = persona('mem-ana', { email: 'ana@contoso.com' });
const sam = persona('mem-sam', { email: 'sam@contoso.com' });
beforeAll(async () => {
  h = await createHarness({ label: 'members' });
  const id = await submitAndVerify(h, ana, await enrollThroughSummary(h, ana, usAnswersFor('ana@contoso.com')), 'ana@contoso.com');
  await h.send(operator, { kind: 'command', name: 'review', args: `approve ${id}` });
});
afterAll(async () => h.close());

describe('members and roles', () => {
  it('lets the global admin grant a role to a new member by email, who gets it when they first talk to the bot', async () => {
    expect(readable(await say(h, ana, 'grant sam@contoso.com sales-agent'))).toBe('sam@contoso.com now has the role Sales agent.');
    expect(readable(await say(h, ana, 'grant sam@contoso.com sales-agent'))).toContain('already has the role Sales agent');
    const list = readable(await say(h, sam, 'members'));
    expect(list).toContain('Members of Contoso Ltd.');
    expect(list).toContain('mem-ana (ana@contoso.com): Global admin');
    expect(list).toContain('Sales agent');
  });

  it('refuses grant, revoke and audit to a member without admin rights', async () => {
    for (const text of ['grant sam@contoso.com global-admin', 'revoke mem-ana global-admin', 'audit']) {
      // Whom to ask: the organization's admin by name.
      expect(readable(await say(h, sam, text))).toBe(
        'Only an admin of Contoso Ltd. can do that. Ask one of its admins (mem-ana) to do it, or to give you the role with grant.',
      );
    }
    const roles = await h.database.connection
      .collection('memberships')
      .find({ orgId: { $exists: true } })
      .toArray();
    expect(roles.find((m) => m.actorKey === 'web:web:mem-sam')?.roles).toEqual(['sales-agent']);
    expect(readable(await say(h, persona('stranger'), 'grant sam@contoso.com global-admin'))).toMatch(
      /^You don’t have permission to do that\. Type help to see what you can do/,
    );
  });

  it('validates roles and members, keeps the last global admin, and revokes', async () => {
    expect(readable(await say(h, ana, 'grant sam@contoso.com superuser'))).toContain('“superuser” is not a role');
    expect(readable(await say(h, ana, 'revoke nobody helpdesk-agent'))).toContain('No member “nobody”');
    expect(readable(await say(h, ana, 'revoke mem-ana global-admin'))).toContain('last global admin');
    expect(readable(await say(h, ana, 'grant <@mem-sam|sam> helpdesk-agent'))).toBe('mem-sam now has the role Helpdesk agent.');
    expect(readable(await say(h, ana, 'revoke mem-sam sales-agent'))).toBe('mem-sam no longer has the role Sales agent.');
  });

  it('shows the audit log, with the enrollment and the role changes, to admins in their language', async () => {
    const audit = readable(await say(h, ana, 'audit'));
    expect(audit).toContain('Audit log of Contoso Ltd.');
    for (const code of ['members.role-granted', 'members.role-revoked', 'enrollment.accepted', 'enrollment.submitted'])
      expect(audit).toContain(code);
    const zh = readable(await say(h, { ...ana, locale: 'zh-TW' }, 'members'));
    expect(zh).toContain('全域管理員');
  });
});
