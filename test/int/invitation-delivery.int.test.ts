import { createOutboxMailer } from '../../src/infrastructure/outbox.js';
import { membershipId } from '../../src/org/organizations.js';
import { persona } from '../support/core-harness.js';
import { button, cast, createWorld, openLink, readable, registerFabrikam, tokenIn, type World } from './partnership-fixtures.js';

/**
 * An invitation is saved before its mail goes. A turn that fails in between (the mail server or the database
 * stops answering, found by the database-outage reliability scenario) tells the inviter to try again; sending it
 * again must then send it, not answer that it is already waiting.
 */
describe('an invitation whose mail did not go', () => {
  let world: World;
  const failing = new Set(['otto@adatum.com.tw']);
  beforeAll(async () => {
    world = await createWorld('pundelivered', {
      mailer: (database, clock) => {
        const outbox = createOutboxMailer(database.connection, clock);
        return {
          async send(mail) {
            if (failing.delete(mail.to)) throw new Error('the mail server is not answering');
            return outbox.send(mail);
          },
        };
      },
    });
    await registerFabrikam(world);
  });
  afterAll(async () => world.harness.close());

  const invitationsTo = (email: string) =>
    world.harness.database.connection.collection('partnership_invitations').find({ inviteeEmail: email }).toArray();

  it('is sent, with a working link, when the inviter sends it again; then it is waiting', async () => {
    expect(readable(await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw'))).toContain('Something went wrong');
    expect(await invitationsTo('otto@adatum.com.tw')).toHaveLength(1);
    expect(await world.mailsTo('otto@adatum.com.tw')).toEqual([]);

    expect(readable(await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw'))).toContain(
      'I sent the invitation to otto@adatum.com.tw (by email)',
    );
    const [mail, ...more] = await world.mailsTo('otto@adatum.com.tw');
    expect(more).toEqual([]);
    expect((await openLink(world, cast.otto, tokenIn(mail.text))).status).toBe(200);
    expect(await invitationsTo('otto@adatum.com.tw')).toEqual([expect.not.objectContaining({ undelivered: true })]);
    expect((await world.audit()).map((entry) => entry.action).filter((action) => action.startsWith('partnership.'))).toEqual([
      'partnership.invited',
      'partnership.invitation-resent',
    ]);

    expect(readable(await world.send(cast.pam, 'invite-reseller otto@adatum.com.tw'))).toContain(
      'An invitation to otto@adatum.com.tw is already waiting for an answer',
    );
    expect(await world.mailsTo('otto@adatum.com.tw')).toHaveLength(1);
  });

  it('is left to its inviter: another admin of the provider is told it is waiting, and can resend it', async () => {
    const paul = persona('paul', { email: 'paul@fabrikam.com.tw' });
    const { Organization, Membership } = world.harness.core.services.orgs;
    const fabrikam = await Organization.findOne({ legalName: 'Fabrikam Taiwan Ltd' }).lean();
    await Membership.create({
      _id: membershipId(fabrikam!._id, 'web:web:paul'),
      orgId: fabrikam!._id,
      actorKey: 'web:web:paul',
      email: paul.email,
      roles: ['global-admin'],
      createdAt: new Date(),
    });
    failing.add('wendy@wingtip.com.tw');
    expect(readable(await world.send(cast.pam, 'invite-reseller wendy@wingtip.com.tw'))).toContain('Something went wrong');
    const waiting = await world.send(paul, 'invite-reseller wendy@wingtip.com.tw');
    expect(readable(waiting)).toContain('An invitation to wendy@wingtip.com.tw is already waiting for an answer');
    expect(await world.mailsTo('wendy@wingtip.com.tw')).toEqual([]);
    expect(readable(await world.press(paul, 'partnership.resend', button(waiting, 'partnership.resend').value))).toContain(
      'I sent a new link to wendy@wingtip.com.tw',
    );
    expect(await world.mailsTo('wendy@wingtip.com.tw')).toHaveLength(1);
    expect(await invitationsTo('wendy@wingtip.com.tw')).toEqual([expect.not.objectContaining({ undelivered: true })]);
  });
});
