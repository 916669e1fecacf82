import type { Actor } from '../../src/core/events.js';
import { linkVisitor } from '../../src/core/events.js';
import { identityModule } from '../../src/identity/module.js';
import { emailCodes } from '../../src/identity/store.js';
import { button, cast, partneredWorld, readable, tokenIn, type World } from './partnership-fixtures.js';

/**
 * Identity is proven, not assumed: a chat user whose profile shows the invited address is not the invitee until
 * they prove the mailbox with the one-time code the bot mails there (`verify-email`, then `verify-email <code>`).
 */
describe('proving a mailbox before answering as its owner', () => {
  let world: World;
  let requestId: string;
  const slack = (userId: string, email: string, locale: 'en' | 'zh-TW' = 'en'): Actor => ({
    platform: 'slack',
    workspaceId: 'T1',
    userId,
    displayName: userId,
    email,
    locale,
  });
  const wendy = slack('UWENDY', 'admin@wingtip.com.tw');
  const mallory = slack('UMALLORY', 'admin@wingtip.com.tw');
  const UNPROVEN = 'This is addressed to admin@wingtip.com.tw. Your chat profile shows that address, but a profile can name any address';

  const db = () => world.harness.database.connection;
  const requestStatus = async () =>
    (
      await db()
        .collection('customer_requests')
        .findOne({ _id: requestId as never })
    )?.state.status;
  /** The newest code mailed to the address (the mail's subject is "Your code: 123456"). */
  const mailedCode = async () => {
    const mails = await world.mailsTo('admin@wingtip.com.tw');
    const codes = mails.filter((mail) => mail.tag === 'identity.code');
    return /(\d{6})/.exec(codes[codes.length - 1]?.subject ?? '')?.[1] ?? '';
  };

  beforeAll(async () => {
    ({ world } = await partneredWorld('mproof'));
    const draft = await world.send(cast.rita, 'invite-customer admin@wingtip.com.tw --name "Wingtip Toys"');
    const send = button(draft, 'customer.send');
    await world.press(cast.rita, send.actionId, send.value);
    requestId = send.value.split(':')[0];
  });
  afterAll(async () => world.harness.close());

  it('refuses Approve and Decline to a Slack user whose profile shows the invited address, saying how to prove it', async () => {
    for (const actionId of ['customer.approve', 'customer.decline']) {
      expect(readable(await world.press(wendy, actionId, requestId))).toContain(UNPROVEN);
    }
    expect(readable(await world.press({ ...wendy, locale: 'zh-TW' }, 'customer.approve', requestId))).toContain(
      '這是寄給 admin@wingtip.com.tw 的。',
    );
    expect(await requestStatus()).toBe('pending');
    // A chat user whose profile names another address is simply not the invitee.
    expect(readable(await world.press(slack('UOTHER', 'x@elsewhere.example'), 'customer.approve', requestId))).toContain(
      'Only the invited customer’s admin can answer this request.',
    );
  });

  it('mails a code that is stored only as a hash, one per 15 minutes, and counts wrong tries', async () => {
    expect(readable(await world.send(wendy, 'verify-email'))).toContain('We emailed a 6-digit code to admin@wingtip.com.tw');
    const code = await mailedCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = await db().collection('email_codes').find({ actorKey: 'slack:T1:UWENDY' }).toArray();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(readable(await world.send(wendy, 'verify-email'))).toContain('less than 15 minutes ago');
    expect((await world.mailsTo('admin@wingtip.com.tw')).filter((mail) => mail.tag === 'identity.code')).toHaveLength(1);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(readable(await world.send(wendy, `verify-email ${wrong}`))).toBe('That code is not right. 4 tries left.');
    expect(readable(await world.press(wendy, 'customer.approve', requestId))).toContain(UNPROVEN);
    expect(readable(await world.send(wendy, `verify-email ${code}`))).toContain('admin@wingtip.com.tw is proven to be yours');
    expect(await world.audit('identity.email-proven')).toEqual([expect.objectContaining({ details: { email: 'admin@wingtip.com.tw' } })]);
  });

  it('lets the proven Slack user approve; the reseller is told; another profile with the same address still is not the invitee', async () => {
    const before = world.dms.length;
    expect(readable(await world.press(wendy, 'customer.approve', requestId))).toContain('Recorded: you approved Contoso Taiwan Co., Ltd.');
    expect(await requestStatus()).toBe('approved');
    expect(world.dms.slice(before).map((dm) => [dm.to, readable([{ type: 'post', message: dm.message }])])).toContainEqual([
      'web:web:rita',
      expect.stringContaining('approved the reseller relationship request'),
    ]);
    // Wendy is the customer organization's global admin by her Slack identity.
    expect(readable(await world.send(wendy, 'members'))).toContain('Global admin');
    expect(readable(await world.send(mallory, 'members'))).toContain('You don’t have permission to do that.');
  });

  it('gives up a code after five wrong tries, even the right code then', async () => {
    await world.send(mallory, 'verify-email');
    const code = await mailedCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (const left of [4, 3, 2, 1])
      expect(readable(await world.send(mallory, `verify-email ${wrong}`))).toBe(`That code is not right. ${left} tries left.`);
    expect(readable(await world.send(mallory, `verify-email ${wrong}`))).toContain('Too many wrong codes');
    expect(readable(await world.send(mallory, `verify-email ${code}`))).toContain('Too many wrong codes');
    expect(readable(await world.send(mallory, 'verify-email 12ab'))).toContain('Type verify-email to get a 6-digit code');
  });

  it('links a membership created for an address to a chat identity only once the address is proven', async () => {
    expect(readable(await world.send(cast.rita, 'grant nina@contoso.com.tw sales-agent'))).toContain('now has the role Sales agent');
    const nina = slack('UNINA', 'nina@contoso.com.tw');
    expect(readable(await world.send(nina, 'members'))).toContain('You don’t have permission to do that.');
    expect(await db().collection('memberships').findOne({ email: 'nina@contoso.com.tw' })).not.toHaveProperty('actorKey');
    await world.send(nina, 'verify-email');
    const mails = (await world.mailsTo('nina@contoso.com.tw')).filter((mail) => mail.tag === 'identity.code');
    const code = /(\d{6})/.exec(mails[mails.length - 1].subject)?.[1];
    expect(readable(await world.send(nina, `verify-email ${code}`))).toContain('is proven to be yours');
    expect(readable(await world.send(nina, 'members'))).toContain('Members of Contoso Taiwan Co., Ltd.');
    expect(await db().collection('memberships').findOne({ email: 'nina@contoso.com.tw' })).toHaveProperty('actorKey', 'slack:T1:UNINA');
  });

  it('lets whoever holds the link answer as its address, only with the page’s own buttons, once', async () => {
    const draft = await world.send(cast.rita, 'invite-customer it@tailspin.com.tw');
    const send = button(draft, 'customer.send');
    await world.press(cast.rita, send.actionId, send.value);
    const [mail] = await world.mailsTo('it@tailspin.com.tw');
    const token = tokenIn(mail.text);
    const visitor = linkVisitor('en', 'Visitor');
    const act = (actionId: string, value: string) =>
      world.harness.core.engine.actOnLink('invitation', token, {
        id: `test:${actionId}:${value}:${Math.random()}`,
        actor: visitor,
        conversationId: 'web:link:visitor',
        input: { kind: 'action', actionId, value },
      });
    // A press for another subject (Wingtip's request) is not this page's: refused, nothing changes.
    expect(readable((await act('customer.decline', requestId)).replies)).toContain('This button is out of date');
    expect(await requestStatus()).toBe('approved');
    const declined = await act('customer.decline', send.value.split(':')[0]);
    expect([declined.status, readable(declined.replies)]).toEqual([200, expect.stringContaining('You declined the request from Contoso')]);
    expect(await world.audit('customer.request.declined')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ answeredBy: 'email:it@tailspin.com.tw' }) }),
    ]);
    const again = await act('customer.approve', send.value.split(':')[0]);
    expect([again.status, readable(again.replies)]).toEqual([410, 'This request was already declined. Nothing more was changed.']);
  });

  it('deletes codes and their claims a day after they expired, keeping the proofs', async () => {
    const connection = world.harness.database.connection;
    const prune = identityModule(world.harness.core.services, emailCodes(connection)).jobs![0];
    await prune.run();
    expect(await connection.collection('email_codes').countDocuments()).toBeGreaterThan(0);
    world.harness.clock.advance(2 * 24 * 3600_000);
    await prune.run();
    expect(await connection.collection('email_codes').countDocuments()).toBe(0);
    expect(await connection.collection('claims').countDocuments({ _id: /^email-code:/ as never })).toBe(0);
    expect(await connection.collection('mailbox_proofs').countDocuments()).toBe(2); // Wendy's and Nina's
  });
});
