import { actorKey, type Actor, type Input } from '../../src/core/events.js';
import type { Message, Reply } from '../../src/core/replies.js';
import { membershipId, newOrgId } from '../../src/org/organizations.js';
import type { Role } from '../../src/org/roles.js';
import { buttons, createHarness, persona, readable, type Harness, type HarnessOptions } from '../support/core-harness.js';

/** The cast of the seed's story; every test file builds its own world on a fresh database. */
export const cast = {
  operator: persona('operator'),
  pam: persona('pam', { email: 'pam@fabrikam.com.tw', displayName: 'Pam (Fabrikam)' }),
  rita: persona('rita', { email: 'rita@contoso.com.tw', displayName: 'Rita (Contoso)' }),
  sam: persona('sam', { email: 'sam@contoso.com.tw', displayName: 'Sam (Contoso sales)' }),
  otto: persona('otto', { email: 'otto@adatum.com.tw', displayName: 'Otto (Adatum)' }),
  wendy: persona('wendy', { email: 'admin@wingtip.com.tw', displayName: 'Wendy (Wingtip)' }),
  mei: persona('mei', { email: 'mei@litware.com.tw', displayName: '美 (Litware)', locale: 'zh-TW' }),
  stranger: persona('stranger', { email: 'someone@example.org' }),
};

export interface World {
  harness: Harness;
  /** Chat messages the bot sent to people outside the turn (a recording ChatDelivery for the web platform). */
  dms: Array<{ to: string; message: Message }>;
  send(who: Actor, text: string): Promise<Reply[]>;
  press(who: Actor, actionId: string, value: string, options?: { conversationId?: string; eventId?: string }): Promise<Reply[]>;
  submit(who: Actor, formId: string, values: Record<string, string>): Promise<Reply[]>;
  mailsTo(email: string): Promise<Array<{ subject: string; text: string; tag: string }>>;
  audit(action?: string): Promise<Array<{ action: string; details: Record<string, unknown> }>>;
}

export async function createWorld(label: string, options: Omit<HarnessOptions, 'label'> = {}): Promise<World> {
  const harness = await createHarness({ ...options, label });
  const dms: World['dms'] = [];
  const listen = () =>
    harness.core.services.notifier.addDelivery({
      platform: 'web',
      async sendDirect(to, message) {
        dms.push({ to: `${to.platform}:${to.workspaceId}:${to.userId}`, message });
        return true;
      },
    });
  listen();
  const db = harness.database.connection;
  return {
    harness,
    dms,
    send: (who, text) => harness.send(who, { kind: 'message', text }),
    press: (who, actionId, value, options) => harness.send(who, { kind: 'action', actionId, value } as Input, options),
    submit: (who, formId, values) => harness.send(who, { kind: 'form', formId, values }),
    async mailsTo(email) {
      return db.collection('outbox').find({ to: email }).sort({ sentAt: 1 }).toArray() as never;
    },
    async audit(action) {
      return db
        .collection('audit')
        .find(action ? { action } : {})
        .sort({ at: 1 })
        .toArray() as never;
    },
  };
}

/** A reseller organization as enrollment produces it: Organization kind reseller + memberships. */
export async function addReseller(
  world: World,
  legalName: string,
  country: string,
  members: Array<{ actor: Actor; roles: Role[] }>,
): Promise<string> {
  const { Organization, Membership } = world.harness.core.services.orgs;
  const orgId = newOrgId();
  const now = world.harness.clock.now();
  await Organization.create({ _id: orgId, kind: 'reseller', legalName, country, partnerId: '7654321', createdAt: now });
  for (const { actor, roles } of members) {
    await Membership.create({
      _id: membershipId(orgId, actorKey(actor)),
      orgId,
      actorKey: actorKey(actor),
      email: actor.email,
      roles,
      createdAt: now,
    });
  }
  return orgId;
}

export const registerFabrikam = (world: World) =>
  world.send(
    cast.operator,
    'provider add --name "Fabrikam Taiwan Ltd" --country TW --partner-id 1234567 --services customer-support,technical-assistance,marketing,financing --admins pam@fabrikam.com.tw',
  );

/** The personal link token in a text (email body or draft). */
export function tokenIn(text: string): string {
  const match = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1];
}

export const openLink = (world: World, who: Actor, token: string) =>
  world.harness.core.engine.openLink('invitation', token, { actor: who, conversationId: `web:web:link-${who.userId}` });

export const button = (replies: Reply[], actionId: string) => {
  const found = buttons(replies).find((b) => b.actionId === actionId);
  if (!found) throw new Error(`no ${actionId} button in: ${readable(replies)}`);
  return found;
};

export function formOf(replies: Reply[]) {
  for (const reply of replies) {
    if (reply.type === 'form-errors') continue;
    for (const block of reply.message.blocks) if (block.type === 'form') return block;
  }
  throw new Error(`no form in: ${readable(replies)}`);
}

/** Provider Fabrikam (TW, admin Pam) and reseller Contoso (TW: Rita global admin, Sam sales agent), partners. */
export async function partneredWorld(label: string) {
  const world = await createWorld(label);
  await registerFabrikam(world);
  const contoso = await addReseller(world, 'Contoso Taiwan Co., Ltd.', 'TW', [
    { actor: cast.rita, roles: ['global-admin'] },
    { actor: cast.sam, roles: ['sales-agent'] },
  ]);
  const adatum = await addReseller(world, 'Adatum Systems', 'TW', [{ actor: cast.otto, roles: ['global-admin'] }]);
  await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw');
  const [mail] = await world.mailsTo('rita@contoso.com.tw');
  const form = formOf((await openLink(world, cast.rita, tokenIn(mail.text))).replies);
  await world.submit(cast.rita, form.formId, { consent: 'true' });
  return { world, contoso, adatum };
}

/** Wingtip's admin (Wendy, known in chat) approves Contoso's two-tier request with Fabrikam, lasting `days`. */
export async function sharedCustomer(world: World, days = 730): Promise<void> {
  await world.send(cast.wendy, 'help');
  const draft = await world.send(
    cast.rita,
    `invite-customer admin@wingtip.com.tw --with-provider Fabrikam --days ${days} --name "Wingtip Toys"`,
  );
  await world.press(cast.rita, 'customer.send', button(draft, 'customer.send').value);
  const [mail] = await world.mailsTo('admin@wingtip.com.tw');
  const page = await openLink(world, cast.wendy, tokenIn(mail.text));
  await world.press(cast.wendy, 'customer.approve', button(page.replies, 'customer.approve').value);
}

/** Litware's admin (Mei, in chat) approves Contoso's reseller-only request from the chat message, lasting `days`. */
export async function resellerOnlyCustomer(world: World, days: number): Promise<void> {
  await world.send(cast.mei, 'help');
  const draft = await world.send(cast.rita, `invite-customer mei@litware.com.tw --days ${days} --name "Litware"`);
  await world.press(cast.rita, 'customer.done', button(draft, 'customer.done').value);
  const dm = world.dms.find((d) => d.to === 'web:web:mei')!;
  await world.press(cast.mei, 'customer.approve', button([{ type: 'post', message: dm.message }], 'customer.approve').value);
}

/** What the bot told someone in chat outside their turns, as text. */
export const toldIn = (world: World, who: string): string[] =>
  world.dms.filter((d) => d.to === `web:web:${who}`).map((d) => readable([{ type: 'post', message: d.message }]));

export { readable, buttons };
