import { randomBytes } from 'node:crypto';
import type { Actor } from '../../src/core/events.js';
import { catalogs } from '../../src/i18n/catalogs.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { cast, formOf, openLink, partneredWorld, readable, tokenIn, type World } from '../int/partnership-fixtures.js';
import { describeReliability, printSummary } from '../support/reliability-scale.js';
import { changes, snapshot } from '../support/reliability-snapshot.js';

/**
 * Issue 9, "Security" inside the bot: guessed, expired and replayed invitation tokens, a member of
 * one organization acting on another's invitation or lists, a non-operator reviewing. Each is
 * refused with a message, and nothing changes — in particular no transition claim is used up,
 * so the rightful person can still act afterwards.
 */
const DAY = 24 * 3600 * 1000;

describeReliability('security: tokens and organizations', () => {
  let world: World;
  let ottoToken: string;
  let ottoInvitation: string;
  let partnershipId: string;
  beforeAll(async () => {
    ({ world } = await partneredWorld('relsecurity'));
    await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw');
    ottoToken = tokenIn((await world.mailsTo('otto@adatum.com.tw')).slice(-1)[0].text);
    ottoInvitation = formOf((await openLink(world, cast.otto, ottoToken)).replies).formId;
    const partnership = await world.harness.database.connection.collection('partnerships').findOne({});
    partnershipId = String(partnership?._id);
  });
  afterAll(async () => world.harness.close());

  /** Everything but what each turn writes by design: who was seen, dialog versions, event claims. */
  const state = async () => {
    const all = await snapshot(world.harness.database.connection, ['people', 'dialogs']);
    all.claims = (all.claims ?? []).filter((doc) => !/"_id":"(event|dialog):/.test(doc));
    return all;
  };

  it('refuses every attempt and changes nothing; the rightful people can still act', async () => {
    const before = await state();
    const refusals: Array<{ what: string; ok: boolean; saw: string }> = [];
    // A refusal says why; "something went wrong" (an unexpected error) is not one.
    const generic = createTranslator(catalogs, 'en')('error.generic');
    const expectRefused = (what: string, saw: string, pattern: RegExp) =>
      refusals.push({ what, ok: pattern.test(saw) && !saw.includes(generic), saw: saw.slice(0, 200) });

    // Guessed tokens: well-formed random ones and malformed ones, for invitations and email verification.
    for (let i = 0; i < 50; i++) {
      const guess = i % 5 === 4 ? `${randomBytes(20).toString('hex')}/../x` : randomBytes(32).toString('base64url');
      for (const kind of ['invitation', 'verify-email']) {
        const opened = await world.harness.core.engine.openLink(kind, guess, {
          actor: cast.stranger,
          conversationId: 'web:web:link-stranger',
        });
        refusals.push({ what: `guessed ${kind} token`, ok: opened.status === 404, saw: `${opened.status} ${readable(opened.replies)}` });
      }
    }
    // Replayed: Rita's invitation was used to authorize Fabrikam.
    const [ritaMail] = await world.mailsTo('rita@contoso.com.tw');
    const replayed = await openLink(world, cast.rita, tokenIn(ritaMail.text));
    refusals.push({ what: 'replayed invitation token', ok: replayed.status === 410, saw: String(replayed.status) });
    const asOtherActor = await openLink(world, cast.otto, tokenIn(ritaMail.text));
    refusals.push({ what: 'replayed token by another organization', ok: asOtherActor.status === 410, saw: String(asOtherActor.status) });

    // Another organization's invitation: Contoso's people and a stranger submit Adatum's consent form.
    for (const who of [cast.rita, cast.sam, cast.stranger, cast.pam]) {
      expectRefused(
        `${who.userId} authorizes Adatum's invitation`,
        readable(await world.submit(who, ottoInvitation, { consent: 'true' })),
        /only|cannot|not/i,
      );
    }
    // Another organization's partnership and lists.
    for (const who of [cast.otto, cast.sam, cast.stranger, cast.rita]) {
      expectRefused(
        `${who.userId} removes Fabrikam–Contoso`,
        readable(await world.press(who, 'partnership.remove', partnershipId)),
        /only|cannot|not/i,
      );
    }
    for (const [who, command] of [
      [cast.otto, 'resellers'],
      [cast.stranger, 'resellers'],
      [cast.otto, 'remove-partnership Contoso'],
      [cast.rita, 'remove-partnership Contoso'],
      [cast.otto, 'customers'],
    ] as Array<[Actor, string]>) {
      const saw = readable(await world.send(who, command));
      refusals.push({ what: `${who.userId}: ${command}`, ok: !/Contoso Taiwan/.test(saw) || who === cast.rita, saw: saw.slice(0, 200) });
      if (who === cast.rita) expectRefused(`rita: ${command}`, saw, /only an admin of an indirect provider/i);
    }
    // Review is for operators only.
    for (const who of [cast.rita, cast.pam, cast.stranger, cast.otto]) {
      for (const command of ['review', 'review approve app_00000000', 'review reject app_00000000 spam']) {
        expectRefused(`${who.userId}: ${command}`, readable(await world.send(who, command)), /operator|don’t know the command/i);
      }
      expectRefused(
        `${who.userId} presses review.approve`,
        readable(await world.press(who, 'review.approve', 'app_00000000')),
        /operator|no longer|not/i,
      );
    }
    // Expired: 91 days later Adatum's invitation has lapsed.
    world.harness.clock.advance(91 * DAY);
    const lapsed = await openLink(world, cast.otto, ottoToken);
    refusals.push({ what: 'expired invitation token', ok: lapsed.status === 410, saw: String(lapsed.status) });
    expectRefused(
      'otto authorizes a lapsed invitation',
      readable(await world.submit(cast.otto, ottoInvitation, { consent: 'true' })),
      /lapsed/i,
    );
    world.harness.clock.advance(-91 * DAY);

    const changed = changes(before, await state());
    const wrong = refusals.filter((refusal) => !refusal.ok);
    printSummary('security (tokens, organizations, review)', {
      events: refusals.length,
      'faults injected': refusals.length,
      refused: refusals.length - wrong.length,
      'not refused': wrong.length,
      'collections changed': Object.keys(changed).length,
      'refusals audited': 0,
    });
    expect(wrong).toEqual([]);
    expect(changed).toEqual({});

    // No claim was used up by the attempts: the rightful admin can still authorize.
    expect(readable(await world.submit(cast.otto, ottoInvitation, { consent: 'true' }))).toContain('is now your indirect provider');
  });
});
