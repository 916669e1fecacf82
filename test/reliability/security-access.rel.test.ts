import { randomBytes } from 'node:crypto';
import { actorKey, type Actor } from '../../src/core/events.js';
import { REFUSALS_PER_MINUTE } from '../../src/org/refusals.js';
import { catalogs } from '../../app/features.js';
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

  /** Everything but what each turn writes by design: who was seen, dialog versions, event claims — and the refusals' own audit entries. */
  const state = async () => {
    const all = await snapshot(world.harness.database.connection, ['people', 'dialogs']);
    all.claims = (all.claims ?? []).filter((doc) => !/"_id":"event:/.test(doc));
    all.audit = (all.audit ?? []).filter((doc) => !/"action":"[a-z-]+\.refused"/.test(doc));
    return all;
  };
  const audit = () => world.harness.database.connection.collection('audit');
  /** The refusals audited one by one so far. */
  const auditedRefusals = () => audit().countDocuments({ action: 'access.refused', 'details.summary': { $ne: true } });

  it('refuses every attempt and changes nothing; the rightful people can still act', async () => {
    const before = await state();
    const refusals: Array<{ what: string; ok: boolean; saw: string; audited?: boolean }> = [];
    // Each attempt's refusal is audited before its answer: an entry more than after the previous attempt.
    let audited = await auditedRefusals();
    const note = async (refusal: { what: string; ok: boolean; saw: string }) => {
      const now = await auditedRefusals();
      refusals.push({ ...refusal, audited: now > audited });
      audited = now;
    };
    // A refusal says why; "something went wrong" (an unexpected error) is not one.
    const generic = createTranslator(catalogs, 'en')('error.generic');
    const expectRefused = (what: string, saw: string, pattern: RegExp) =>
      note({ what, ok: pattern.test(saw) && !saw.includes(generic), saw: saw.slice(0, 200) });

    // Guessed tokens: well-formed random ones and malformed ones, for invitations and email verification.
    for (let i = 0; i < 50; i++) {
      const guess = i % 5 === 4 ? `${randomBytes(20).toString('hex')}/../x` : randomBytes(32).toString('base64url');
      for (const kind of ['invitation', 'verify-email']) {
        const opened = await world.harness.core.engine.openLink(kind, guess, {
          actor: cast.stranger,
          conversationId: 'web:web:link-stranger',
        });
        await note({ what: `guessed ${kind} token`, ok: opened.status === 404, saw: `${opened.status} ${readable(opened.replies)}` });
      }
    }
    // Replayed: Rita's invitation was used to authorize Fabrikam.
    const [ritaMail] = await world.mailsTo('rita@contoso.com.tw');
    const replayed = await openLink(world, cast.rita, tokenIn(ritaMail.text));
    await note({ what: 'replayed invitation token', ok: replayed.status === 410, saw: String(replayed.status) });
    const asOtherActor = await openLink(world, cast.otto, tokenIn(ritaMail.text));
    await note({ what: 'replayed token by another organization', ok: asOtherActor.status === 410, saw: String(asOtherActor.status) });

    // Another organization's invitation: Contoso's people and a stranger submit Adatum's consent form.
    for (const who of [cast.rita, cast.sam, cast.stranger, cast.pam]) {
      await expectRefused(
        `${who.userId} authorizes Adatum's invitation`,
        readable(await world.submit(who, ottoInvitation, { consent: 'true' })),
        /only|cannot|not/i,
      );
    }
    // Another organization's partnership and lists (Rita, the reseller's admin, may end her own partnership: issue 18).
    for (const who of [cast.otto, cast.sam, cast.stranger]) {
      await expectRefused(
        `${who.userId} removes Fabrikam–Contoso`,
        readable(await world.press(who, 'partnership.remove', partnershipId)),
        /only|cannot|not/i,
      );
    }
    for (const [who, command] of [
      [cast.otto, 'resellers'],
      [cast.stranger, 'resellers'],
      // Answered within Adatum's own partners (Otto is a reseller admin: issue 18) and with its own (empty) list:
      // not refusals, so not audited.
      [cast.otto, 'remove-partnership Contoso'],
      [cast.otto, 'customers'],
    ] as Array<[Actor, string]>) {
      const saw = readable(await world.send(who, command));
      await note({ what: `${who.userId}: ${command}`, ok: !/Contoso Taiwan/.test(saw), saw: saw.slice(0, 200) });
    }
    const ownAnswers = refusals.slice(-2);
    // Review is for operators only.
    for (const who of [cast.rita, cast.pam, cast.stranger, cast.otto]) {
      for (const command of ['review', 'review approve app_00000000', 'review reject app_00000000 spam']) {
        await expectRefused(`${who.userId}: ${command}`, readable(await world.send(who, command)), /operator|don’t know the command/i);
      }
      await expectRefused(
        `${who.userId} presses review.approve`,
        readable(await world.press(who, 'review.approve', 'app_00000000')),
        /operator|no longer|not/i,
      );
    }
    // Expired: 91 days later Adatum's invitation has lapsed.
    world.harness.clock.advance(91 * DAY);
    const lapsed = await openLink(world, cast.otto, ottoToken);
    await note({ what: 'expired invitation token', ok: lapsed.status === 410, saw: String(lapsed.status) });
    await expectRefused(
      'otto authorizes a lapsed invitation',
      readable(await world.submit(cast.otto, ottoInvitation, { consent: 'true' })),
      /lapsed/i,
    );
    world.harness.clock.advance(-91 * DAY);

    // The guessed tokens flood one refusal kind: the first ones are audited one by one (the cap, src/org/refusals.ts),
    // the rest counted, and the count recorded with the next refusal of that kind a minute later.
    const guessed = refusals.filter((refusal) => refusal.what.startsWith('guessed'));
    world.harness.clock.advance(61_000);
    await world.harness.core.engine.openLink('invitation', randomBytes(32).toString('base64url'), {
      actor: cast.stranger,
      conversationId: 'web:web:link-stranger',
    });
    const summary = await audit().findOne({ action: 'access.refused', 'details.code': 'LINK.404', 'details.summary': true });
    const counted = Number(summary?.details?.unrecorded ?? 0);
    const notAudited = refusals.filter((refusal) => !refusal.audited && !ownAnswers.includes(refusal) && !guessed.includes(refusal));

    const changed = changes(before, await state());
    const wrong = refusals.filter((refusal) => !refusal.ok);
    printSummary('security (tokens, organizations, review)', {
      events: refusals.length,
      'faults injected': refusals.length,
      refused: refusals.length - wrong.length,
      'not refused': wrong.length,
      'collections changed': Object.keys(changed).length,
      'refusals audited': refusals.filter((refusal) => refusal.audited).length,
      'refusals counted in a summary (flood cap)': counted,
    });
    expect(wrong).toEqual([]);
    expect(changed).toEqual({});
    expect(notAudited).toEqual([]);
    expect(guessed.filter((refusal) => refusal.audited).length).toBe(REFUSALS_PER_MINUTE);
    expect(counted).toBe(guessed.length - REFUSALS_PER_MINUTE);
    const entry = await audit().findOne({
      action: 'access.refused',
      'details.code': 'REVIEW.OPERATORS_ONLY',
      actorKey: actorKey(cast.pam),
    });
    expect(entry).toMatchObject({ platform: cast.pam.platform, details: { attempted: 'message:review' } });

    // No claim was used up by the attempts: the rightful admin can still authorize.
    expect(readable(await world.submit(cast.otto, ottoInvitation, { consent: 'true' }))).toContain('is now your indirect provider');
  });
});
