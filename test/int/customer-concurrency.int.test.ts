import type { Actor } from '../../src/core/events.js';
import { persona } from '../support/core-harness.js';
import { button, cast, formOf, openLink, partneredWorld, readable, tokenIn, type World } from './partnership-fixtures.js';

const APPROVED = 'Recorded: you approved';
const DECLINED = 'You declined the request';
const TOLD = 'This was just answered by someone else (or in another window). Nothing more was changed.';
/** The loser is told either way: it lost the claim, or (when it started a moment later) it read the answered state. */
const told = (text: string) =>
  text.includes(TOLD) || /This request was already (approved|declined)\. Nothing more was changed\./.test(text);

describe('answers pressed at the same time change a request once', () => {
  let world: World;
  beforeAll(async () => {
    ({ world } = await partneredWorld('cconc'));
  });
  afterAll(async () => world.harness.close());

  /** The customer's admin opens the request's page first (so the bot knows them), then presses twice at once. */
  async function openRequest(admin: Actor) {
    const draft = await world.send(cast.rita, `invite-customer ${admin.email} --with-provider Fabrikam`);
    const page = await openLink(world, admin, tokenIn(readable(draft)));
    return button(page.replies, 'customer.approve').value;
  }

  it.each([
    ['in two windows (two conversations)', true],
    ['in one conversation', false],
  ])('approve + decline %s: exactly one wins, the other is told', async (_case, separate) => {
    for (let round = 0; round < 4; round++) {
      const admin = persona(`admin${round}${separate}`, { email: `admin${round}${separate ? 'a' : 'b'}@northwind.com.tw` });
      const requestId = await openRequest(admin);
      const [approve, decline] = await Promise.all([
        world.press(admin, 'customer.approve', requestId, {
          eventId: `ev-approve-${requestId}`,
          conversationId: separate ? 'web:web:slack-dm' : undefined,
        }),
        world.press(admin, 'customer.decline', requestId, {
          eventId: `ev-decline-${requestId}`,
          conversationId: separate ? 'web:web:link-page' : undefined,
        }),
      ]);
      const texts = [readable(approve), readable(decline)];
      const winners = texts.filter((t) => t.includes(APPROVED) || t.includes(DECLINED));
      expect(winners).toHaveLength(1);
      expect(texts.filter(told)).toHaveLength(1);
      expect(texts.filter((t) => !winners.includes(t) && !told(t))).toEqual([]); // shows any other answer
      const recorded = (await world.audit()).filter(
        (e) => ['customer.request.approved', 'customer.request.declined'].includes(e.action) && e.details.requestId === requestId,
      );
      expect(recorded).toHaveLength(1);
      const relationships = await world.harness.database.connection.collection('customer_relationships').countDocuments({ requestId });
      expect(relationships).toBe(recorded[0].action === 'customer.request.approved' ? 2 : 0);
    }
  });

  it('the same press delivered twice is handled once', async () => {
    const admin = persona('twice', { email: 'it@twice.com.tw' });
    const requestId = await openRequest(admin);
    const first = await world.press(admin, 'customer.approve', requestId, { eventId: 'slack:retry-1' });
    const retry = await world.press(admin, 'customer.approve', requestId, { eventId: 'slack:retry-1' });
    expect(readable(first)).toContain(APPROVED);
    expect(retry).toEqual([]);
  });

  it('two admins authorizing one reseller invitation at once: one partnership, one record', async () => {
    const { world: w2 } = { world };
    await w2.harness.core.services.orgs.Membership.create({
      _id: 'extra-admin',
      orgId: (await w2.audit('partnership.authorized'))[0].details.resellerOrgId as string,
      actorKey: 'web:web:rex',
      email: 'rex@contoso.com.tw',
      roles: ['admin-agent'],
      createdAt: new Date(),
    });
    await w2
      .send(cast.pam, 'remove-partnership Contoso')
      .then((r) => w2.press(cast.pam, 'partnership.remove', button(r, 'partnership.remove').value));
    await w2.send(cast.pam, 'invite-reseller rita@contoso.com.tw');
    const mail = (await w2.mailsTo('rita@contoso.com.tw')).at(-1)!;
    const form = formOf((await openLink(w2, cast.rita, tokenIn(mail.text))).replies);
    const rex = persona('rex', { email: 'rex@contoso.com.tw' });
    const answers = await Promise.all([
      w2.submit(cast.rita, form.formId, { consent: 'true' }),
      w2.submit(rex, form.formId, { consent: 'true' }),
    ]);
    expect(answers.map(readable).filter((t) => t.includes('is now your indirect provider'))).toHaveLength(1);
    expect(answers.map(readable).filter((t) => t.includes(TOLD) || t.includes('This invitation was already accepted'))).toHaveLength(1);
    expect(await w2.audit('partnership.authorized')).toHaveLength(2); // the first partnership, and this one once
  });
});
