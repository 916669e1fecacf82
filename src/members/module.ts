import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { BotModule, TurnContext } from '../core/module.js';
import type { ParsedCommand } from '../core/command-grammar.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { orgOf, requireRole } from '../org/access.js';
import { membershipId, type Membership } from '../org/organizations.js';
import { ROLES, isRole } from '../org/roles.js';
import { decideRoleChange } from './states.js';
import { orThrow } from '../core/decider.js';
import { auditEntries } from './audit-list.js';

/**
 * Members and roles of the caller's organization (domain.md, "Roles inside a partner organization"):
 * `members` lists, `grant` / `revoke` change roles (admins only), `audit` shows the audit log (admins only).
 * Audit codes: `members.role-granted`, `members.role-revoked`, subject = membership id, details
 * { orgId, memberKey?, memberEmail?, role, roles (after the change) }.
 */
export function membersModule(services: CoreServices): BotModule {
  const orgs = services.organizations;
  const roleName = (ctx: TurnContext, role: string) => ctx.t(`role.${role}`);
  const who = (m: Membership) => m.displayName ?? m.email ?? m.actorKey ?? m._id;

  async function members(ctx: TurnContext): Promise<Reply[]> {
    const access = await orgOf(services, ctx.actor);
    if (!access) throw new AppError('FORBIDDEN');
    const all = (await orgs.members(access.org._id)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const lines = all.map((m) =>
      ctx.t('members.line', {
        name: who(m),
        contact: m.email ?? m.actorKey ?? '',
        roles: m.roles.map((role) => roleName(ctx, role)).join(', ') || '—',
      }),
    );
    return [post(text(`*${ctx.t('members.title', { legalName: access.org.legalName })}*\n${lines.join('\n')}`))];
  }

  /** A member by email, actorKey, display name or platform user id; an unknown email becomes a new member. */
  async function target(orgId: string, ref: string): Promise<Membership | undefined> {
    // `<@U123>` / `<@U123|mei>` is how a Slack mention arrives in command text.
    const wanted = ref
      .replace(/^<@([^|>]+)(\|[^>]*)?>$/, '$1')
      .replace(/^@/, '')
      .toLowerCase();
    const all = await orgs.members(orgId);
    const found = all.find(
      (m) =>
        m.email?.toLowerCase() === wanted ||
        m.actorKey?.toLowerCase() === wanted ||
        m.actorKey?.split(':')[2]?.toLowerCase() === wanted ||
        m.displayName?.toLowerCase() === wanted,
    );
    return found;
  }

  async function change(ctx: TurnContext, command: ParsedCommand, kind: 'grant' | 'revoke'): Promise<Reply[]> {
    const access = await requireRole(services, ctx.actor, kindOf(await orgOf(services, ctx.actor)));
    const [ref, rawRole] = command.positional;
    const role = (rawRole ?? '').toLowerCase().replace(/\s+/g, '-');
    if (!ref || !rawRole) return [post(text(ctx.t(`members.usage.${kind}`, { roles: ROLES.join(', ') })))];
    if (!isRole(role)) return [post(text(ctx.t('members.unknown-role', { role: rawRole, roles: ROLES.join(', ') })))];
    const orgId = access.org._id;
    const found = await target(orgId, ref);
    // An unknown email becomes a member only once the grant is allowed.
    const member =
      found ??
      (kind === 'grant' && ref.includes('@')
        ? { _id: membershipId(orgId, ref), orgId, email: ref.toLowerCase(), roles: [], createdAt: ctx.now }
        : undefined);
    if (!member) return [post(text(ctx.t('members.unknown-member', { who: ref })))];
    const has = member.roles.includes(role);
    if (kind === 'grant' && has) return [post(text(ctx.t('members.already', { who: who(member), role: roleName(ctx, role) })))];
    if (kind === 'revoke' && !has) return [post(text(ctx.t('members.not-held', { who: who(member), role: roleName(ctx, role) })))];
    const globalAdmins = (await orgs.members(orgId)).filter((m) => m.roles.includes('global-admin')).length;
    const roles = orThrow(decideRoleChange({ kind, role, actorRoles: access.membership.roles, targetRoles: member.roles, globalAdmins }));
    if (found) await orgs.setRoles(member._id, roles);
    else await orgs.addMembership({ ...member, roles });
    await services.audit.record({
      orgId,
      actorKey: actorKey(ctx.actor),
      platform: ctx.actor.platform,
      action: kind === 'grant' ? 'members.role-granted' : 'members.role-revoked',
      subject: member._id,
      details: { orgId, memberKey: member.actorKey, memberEmail: member.email, role, roles },
      at: ctx.now,
    });
    return [post(text(ctx.t(`members.done.${kind}`, { who: who(member), role: roleName(ctx, role) })))];
  }

  async function audit(ctx: TurnContext): Promise<Reply[]> {
    const access = await requireRole(services, ctx.actor, kindOf(await orgOf(services, ctx.actor)));
    const entries = await auditEntries(services, access.org, 30);
    if (!entries.length) return [post(text(ctx.t('audit.empty')))];
    const lines = entries.map((e) =>
      ctx.t('audit.line', {
        at: e.at.toISOString().replace('T', ' ').slice(0, 16),
        action: e.action,
        actor: e.actorKey,
        platform: e.platform,
        subject: e.subject ?? '',
      }),
    );
    return [post(text(`*${ctx.t('audit.title', { legalName: access.org.legalName })}*\n${lines.join('\n')}`))];
  }

  const isAdminHere = async (ctx: TurnContext) => {
    const access = await orgOf(services, ctx.actor);
    return !!access && (access.membership.roles.includes('global-admin') || access.membership.roles.includes('admin-agent'));
  };
  // `Grant Thornton Taiwan` typed as an answer to a dialog is a name, not a grant.
  const namesARole = (c: ParsedCommand) => c.positional.length === 2 && isRole(c.positional[1].toLowerCase());
  return {
    name: 'members',
    commands: [
      {
        name: 'members',
        usage: 'members',
        summaryKey: 'members.help.members',
        available: async (ctx) => !!(await orgOf(services, ctx.actor)),
        run: members,
      },
      {
        name: 'grant',
        usage: 'grant <email-or-user> <role>',
        summaryKey: 'members.help.grant',
        fits: namesARole,
        available: isAdminHere,
        run: (ctx, c) => change(ctx, c, 'grant'),
      },
      {
        name: 'revoke',
        usage: 'revoke <email-or-user> <role>',
        summaryKey: 'members.help.revoke',
        fits: namesARole,
        available: isAdminHere,
        run: (ctx, c) => change(ctx, c, 'revoke'),
      },
      { name: 'audit', usage: 'audit', summaryKey: 'members.help.audit', available: isAdminHere, run: audit },
    ],
  };
}

/** The kind of the caller's organization (reseller, provider ...), so admins of any partner organization manage their members. */
function kindOf(access: Awaited<ReturnType<typeof orgOf>>) {
  if (!access) throw new AppError('FORBIDDEN');
  return access.org.kind;
}
