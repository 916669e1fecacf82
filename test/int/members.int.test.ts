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
    expect(readable(await say(h, ana, 'revoke mem-ana global-admin'))).toBe(
      'That is the organization’s last global admin; grant the role to someone else first. Nothing was changed.',
    );
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

  describe('who may hand out the admin roles', () => {
    const agent = persona('mem-agent', { email: 'agent@contoso.com' });
    const GLOBAL_ONLY = 'Only a global admin can grant or revoke the roles Global admin and Admin agent. Nothing was changed.';
    const rolesOf = async (email: string) => (await h.database.connection.collection('memberships').findOne({ email }))?.roles;

    beforeAll(async () => {
      expect(readable(await say(h, ana, 'grant agent@contoso.com admin-agent'))).toBe('agent@contoso.com now has the role Admin agent.');
      await say(h, agent, 'members'); // links the membership to the agent's chat identity
    });

    it('refuses an admin agent who grants itself, or anyone, Global admin or Admin agent', async () => {
      expect(readable(await say(h, agent, 'grant mem-agent global-admin'))).toBe(GLOBAL_ONLY);
      expect(readable(await say(h, agent, 'grant bea@contoso.com global-admin'))).toBe(GLOBAL_ONLY);
      expect(readable(await say(h, agent, 'grant bea@contoso.com admin-agent'))).toBe(GLOBAL_ONLY);
      expect(await rolesOf('agent@contoso.com')).toEqual(['admin-agent']);
      // A refused grant to a new address adds no member either.
      expect(await rolesOf('bea@contoso.com')).toBeUndefined();
      expect(readable(await say(h, { ...agent, locale: 'zh-TW' }, 'grant mem-agent global-admin'))).toBe(
        '只有全域管理員可以授予或移除「全域管理員」與「系統管理代理人」角色。沒有進行任何變更。',
      );
    });

    it('refuses an admin agent who revokes Global admin or Admin agent, but lets it manage the agent roles', async () => {
      expect(readable(await say(h, agent, 'revoke mem-ana global-admin'))).toBe(GLOBAL_ONLY);
      expect(readable(await say(h, agent, 'revoke mem-agent admin-agent'))).toBe(GLOBAL_ONLY);
      expect(await rolesOf('ana@contoso.com')).toEqual(['global-admin']);
      expect(readable(await say(h, agent, 'grant bea@contoso.com sales-agent'))).toBe('bea@contoso.com now has the role Sales agent.');
      expect(readable(await say(h, agent, 'revoke bea@contoso.com sales-agent'))).toBe('bea@contoso.com no longer has the role Sales agent.');
    });

    it('lets a global admin hand Global admin on, then step down, but never leave the organization without one', async () => {
      expect(readable(await say(h, ana, 'grant mem-agent global-admin'))).toBe('mem-agent now has the role Global admin.');
      expect(readable(await say(h, ana, 'revoke mem-ana global-admin'))).toBe('mem-ana no longer has the role Global admin.');
      expect(readable(await say(h, agent, 'revoke mem-agent global-admin'))).toBe(
        'That is the organization’s last global admin; grant the role to someone else first. Nothing was changed.',
      );
      expect(await rolesOf('agent@contoso.com')).toEqual(['admin-agent', 'global-admin']);
      // Ana is no global admin any more: she may not take it back herself.
      expect(readable(await say(h, ana, 'grant mem-ana global-admin'))).toContain('Only an admin of Contoso Ltd. can do that.');
    });
  });
});
