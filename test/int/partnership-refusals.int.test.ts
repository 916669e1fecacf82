import { randomBytes } from 'node:crypto';
import { persona } from '../support/core-harness.js';
import {
  addReseller,
  button,
  cast,
  createWorld,
  formOf,
  openLink,
  readable,
  registerFabrikam,
  tokenIn,
  type World,
} from './partnership-fixtures.js';

describe('provider → reseller invitations: every refusal says why and changes nothing', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld('prefuse');
    await registerFabrikam(world);
    await addReseller(world, 'Contoso Taiwan Co., Ltd.', 'TW', [
      { actor: cast.rita, roles: ['global-admin'] },
      { actor: cast.sam, roles: ['sales-agent'] },
    ]);
    await addReseller(world, 'Adatum Systems', 'TW', [{ actor: cast.otto, roles: ['global-admin'] }]);
  });
  afterAll(async () => world.harness.close());

  const invitations = () => world.harness.database.connection.collection('partnership_invitations').countDocuments();

  it('refuses a caller who is not a provider admin', async () => {
    expect(readable(await world.send(cast.rita, 'invite-reseller otto@adatum.com.tw'))).toContain(
      'Only an admin of an indirect provider can do that',
    );
    expect(await invitations()).toBe(0);
  });

  it('refuses a malformed email', async () => {
    expect(readable(await world.send(cast.pam, 'invite-reseller otto-at-adatum'))).toContain('“otto-at-adatum” is not an email address');
    expect(await invitations()).toBe(0);
  });

  it('refuses a reseller in another country (CSP is regional)', async () => {
    const kenji = persona('kenji', { email: 'kenji@tailspin.co.jp' });
    await addReseller(world, 'Tailspin Japan KK', 'JP', [{ actor: kenji, roles: ['global-admin'] }]);
    expect(readable(await world.send(cast.pam, 'invite-reseller kenji@tailspin.co.jp'))).toContain(
      'A provider and a reseller must be in the same country/region: the reseller is in JP, the provider in TW',
    );
    expect(await invitations()).toBe(0);
  });

  it('checks the country at acceptance when the reseller was not known yet', async () => {
    expect(readable(await world.send(cast.pam, 'invite-reseller yuki@newco.co.jp'))).toContain('I sent the invitation to yuki@newco.co.jp');
    const yuki = persona('yuki', { email: 'yuki@newco.co.jp' });
    const [mail] = await world.mailsTo('yuki@newco.co.jp');
    const form = formOf((await openLink(world, yuki, tokenIn(mail.text))).replies);
    expect(readable(await world.submit(yuki, form.formId, { consent: 'true' }))).toContain(
      'does not belong to an enrolled indirect reseller yet',
    );
    await addReseller(world, 'NewCo Japan', 'JP', [{ actor: yuki, roles: ['global-admin'] }]);
    expect(readable(await world.submit(yuki, form.formId, { consent: 'true' }))).toContain('the reseller is in JP, the provider in TW');
    expect(await world.audit('partnership.authorized')).toEqual([]);
  });

  it('offers to resend a pending invitation; the new link replaces the old one', async () => {
    await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw');
    const again = await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw');
    expect(readable(again)).toContain('An invitation to otto@adatum.com.tw is already waiting for an answer');
    const resent = await world.press(cast.pam, 'partnership.resend', button(again, 'partnership.resend').value);
    expect(readable(resent)).toContain('I sent a new link to otto@adatum.com.tw; the previous link no longer works');
    const [first, second] = await world.mailsTo('otto@adatum.com.tw');
    const old = await openLink(world, cast.otto, tokenIn(first.text));
    expect(old.status).toBe(410);
    expect(readable(old.replies)).toContain('replaced by a newer one');
    expect((await openLink(world, cast.otto, tokenIn(second.text))).status).toBe(200);
    expect(readable(await world.press(cast.rita, 'partnership.resend', button(again, 'partnership.resend').value))).toContain(
      'Only an admin of an indirect provider',
    );
  });

  it('lets only an admin of the invited reseller authorize', async () => {
    await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw');
    const [mail] = await world.mailsTo('rita@contoso.com.tw');
    const form = formOf((await openLink(world, cast.rita, tokenIn(mail.text))).replies);
    for (const who of [cast.sam, cast.otto, cast.pam, cast.stranger]) {
      expect(readable(await world.submit(who, form.formId, { consent: 'true' }))).toContain(
        'Only an admin of the invited reseller organization can answer this invitation',
      );
    }
    expect(readable(await world.submit(cast.rita, form.formId, { consent: 'true' }))).toContain('is now your indirect provider');
    expect(readable(await world.submit(cast.rita, form.formId, { consent: 'true' }))).toContain('This invitation was already accepted');
  });

  it('refuses to invite a reseller that is already a partner', async () => {
    expect(readable(await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw'))).toContain(
      'Contoso Taiwan Co., Ltd. is already one of your indirect resellers',
    );
  });

  it('asks which reseller to remove', async () => {
    expect(readable(await world.send(cast.pam, 'remove-partnership'))).toContain('Name the organization');
    expect(readable(await world.send(cast.pam, 'remove-partnership Adatum'))).toContain('I couldn’t find “Adatum”');
  });

  it('shows the invitation in the reader’s language', async () => {
    const [mail] = await world.mailsTo('rita@contoso.com.tw');
    const page = readable((await openLink(world, { ...cast.rita, locale: 'zh-TW' }, tokenIn(mail.text))).replies);
    expect(page).toContain('此邀請已被接受');
    const [otto] = (await world.mailsTo('otto@adatum.com.tw')).slice(-1);
    const open = readable((await openLink(world, { ...cast.otto, locale: 'zh-TW' }, tokenIn(otto.text))).replies);
    expect(open).toContain('代表您的客戶提交訂單及新增訂閱');
    expect(open).toContain('系統管理員存取');
  });

  it('answers 404 to a guessed token and 410 to a used or lapsed one', async () => {
    // State changes only: each refusal is audited itself (`access.refused`, src/org/refusals.ts).
    const changes = async () => (await world.audit()).filter((entry) => !entry.action.endsWith('.refused')).length;
    const before = await changes();
    expect((await openLink(world, cast.rita, randomBytes(32).toString('base64url'))).status).toBe(404);
    expect((await openLink(world, cast.rita, 'not-a-token')).status).toBe(404);
    const [used] = await world.mailsTo('rita@contoso.com.tw');
    const answered = await openLink(world, cast.rita, tokenIn(used.text));
    expect(answered.status).toBe(410);
    expect(readable(answered.replies)).toContain('already accepted');

    const [otto] = (await world.mailsTo('otto@adatum.com.tw')).slice(-1);
    world.harness.clock.advance(91 * 24 * 3600 * 1000);
    const lapsed = await openLink(world, cast.otto, tokenIn(otto.text));
    expect(lapsed.status).toBe(410);
    expect(readable(lapsed.replies)).toContain('This invitation has lapsed');
    const form = `partnership.authorize.${(await world.audit('partnership.invitation-resent'))[0].details.invitationId}`;
    expect(readable(await world.submit(cast.otto, form, { consent: 'true' }))).toContain('This invitation has lapsed');
    expect(readable(await world.send(cast.otto, 'providers'))).toContain('You have no indirect provider yet');
    expect(await changes()).toBe(before); // opening links and refused presses change nothing
  });
});
