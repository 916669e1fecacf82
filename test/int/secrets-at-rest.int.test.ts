import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { createCardStore } from '../../adapters/teams/card-store.js';
import { createInstallationStore } from '../../adapters/slack/installation-store.js';
import { actorKey } from '../../src/core/events.js';
import type { Mail } from '../../src/core/ports.js';
import { createApplications } from '../support/applications.js';
import { InjectedCrash } from '../../src/enrollment/transitions.js';
import { newVerification } from '../../src/enrollment/verification.js';
import { createOutboxMailer } from '../../src/infrastructure/outbox.js';
import { createSecretBox } from '../../src/infrastructure/secret-box.js';
import { persona } from '../support/core-harness.js';
import { enrollThroughSummary, press, storedDialog, usAnswersFor } from '../support/enrollment-driver.js';
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

/**
 * Raw link tokens exist only in the mail sent (here: what the mailer was handed, the recipient's hands) and the
 * secrets of Slack installations only sealed: every document of every collection is searched for them.
 */
describe('secrets at rest', () => {
  let world: World;
  const handed: Mail[] = [];
  beforeAll(async () => {
    world = await createWorld('secrets', {
      // As in production: the outbox keeps mails with their link tokens redacted.
      mailer: (database, clock) => {
        const outbox = createOutboxMailer(database.connection, clock, 'redact');
        return {
          async send(mail) {
            handed.push(mail);
            await outbox.send(mail);
          },
        };
      },
    });
  });
  afterAll(async () => world.harness.close());

  const db = () => world.harness.database.connection;
  /** Every stored document of every collection, as one JSON text. */
  async function everything(): Promise<string> {
    const collections = await db().db!.listCollections().toArray();
    const docs = await Promise.all(collections.map((c) => db().collection(c.name).find({}).toArray()));
    return JSON.stringify(docs);
  }
  const linkIn = (to: string, pattern: RegExp) => {
    const mail = handed.filter((m) => m.to === to).at(-1);
    const token = pattern.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no link in the mail to ${to}`);
    return token;
  };

  it('keeps no raw link token in the outbox, the transitions, the stored cards or anywhere else', async () => {
    // Flow 2: the invitation mail's link, opened and answered.
    await registerFabrikam(world);
    await addReseller(world, 'Contoso Taiwan Co., Ltd.', 'TW', [{ actor: cast.rita, roles: ['global-admin'] }]);
    await world.send(cast.pam, 'invite-reseller rita@contoso.com.tw');
    const invitation = linkIn('rita@contoso.com.tw', /\/invitations\/([\w-]{43})/);
    await world.submit(cast.rita, formOf((await openLink(world, cast.rita, invitation)).replies).formId, { consent: 'true' });

    // Flow 3: the draft shows the reseller the link; "Send it for me" carries it sealed, and mails exactly that link.
    const draft = await world.send(cast.rita, 'invite-customer admin@wingtip.com.tw');
    const request = tokenIn(readable(draft));
    const send = button(draft, 'customer.send');
    expect(send.value).not.toContain(request);
    const reply = draft.find((r) => r.type === 'post');
    if (reply?.type !== 'post') throw new Error('no draft message');
    // What the Teams adapter keeps of every card it sends.
    await createCardStore(db()).save('a:conv', 'act1', { message: reply.message }, world.harness.clock.now());
    expect(readable(await world.press(cast.rita, 'customer.send', send.value))).toContain('I emailed the request');
    expect(linkIn('admin@wingtip.com.tw', /\/invitations\/([\w-]{43})/)).toBe(request);

    // Flow 1: a process killed right after claiming the submission (its transition carries the link to mail).
    const who = persona('sealed-contact');
    const email = 'contact@sealed.example';
    const summary = await enrollThroughSummary(world.harness, who, usAnswersFor(email));
    const state = (await storedDialog(world.harness, who))?.state as unknown as {
      data: { applicationId: string; path: 'new'; values: Record<string, string> };
    };
    const verification = newVerification(world.harness.clock.now());
    const dying = createApplications(world.harness.core.services, { crashAfter: 'claim' });
    await expect(
      dying.submit({
        id: state.data.applicationId,
        answers: { path: state.data.path, values: state.data.values },
        applicant: { actorKey: actorKey(who), platform: 'web', displayName: who.displayName, locale: 'en' },
        actorKey: actorKey(who),
        verification,
      }),
    ).rejects.toThrow(InjectedCrash);
    const pending = await db().collection('application_transitions').findOne({ applicationId: state.data.applicationId });
    expect(pending?.verificationToken).toMatch(/^v1\./);
    expect(await everything()).not.toContain(verification.token);
    // The next press finishes the dead process's transition and mails its link.
    await press(world.harness, who, summary, 'enrollment.submit');
    expect(linkIn(email, /\/verify-email\/([\w-]{43})/)).toBe(verification.token);

    const stored = await everything();
    for (const token of [invitation, request, verification.token])
      expect({ token, stored: stored.includes(token) }).toEqual({ token, stored: false });
    // The outbox still says what was sent, with the link cut short.
    const outboxed = await db().collection('outbox').findOne({ to: 'admin@wingtip.com.tw' });
    expect(outboxed?.text).toContain('/invitations/…');
  });

  it('keeps the one-time code that proves an address only in the mail sent', async () => {
    const nina = { platform: 'slack', workspaceId: 'T1', userId: 'UNINA', displayName: 'Nina', email: 'nina@contoso.com.tw', locale: 'en' } as const;
    expect(readable(await world.send(nina, 'verify-email'))).toContain('We emailed a 6-digit code to nina@contoso.com.tw');
    const sent = handed.filter((mail) => mail.to === 'nina@contoso.com.tw').at(-1);
    const code = /\d{6}/.exec(sent?.subject ?? '')?.[0] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const outboxed = await db().collection('outbox').findOne({ to: 'nina@contoso.com.tw', tag: 'identity.code' });
    expect(outboxed?.subject).toContain('…');
    expect(JSON.stringify(outboxed)).not.toContain(code);
    // The mail sent still works: the code proves the address.
    expect(readable(await world.send(nina, `verify-email ${code}`))).toContain('nina@contoso.com.tw is proven to be yours');
  });
});

describe('Slack installations at rest', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld('installs');
  });
  afterAll(async () => world.harness.close());

  const key = () => randomBytes(32);
  const installation = (team: string, token: string) =>
    ({
      team: { id: team },
      enterprise: undefined,
      isEnterpriseInstall: false,
      bot: { token, userId: 'UBOT', id: 'B1', scopes: [] },
      user: { id: 'U1' },
    }) as unknown as Installation;
  const raw = (team: string) =>
    world.harness.database.connection.collection('slack_installations').findOne({ _id: `team:${team}` as never });
  const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });

  it('stores the tokens sealed and opens them again after a key rotation, re-sealing with the new key', async () => {
    const [oldKey, newKey] = [key(), key()];
    const before = createInstallationStore(world.harness.database.connection, createSecretBox([oldKey]));
    await before.storeInstallation(installation('TROT', 'xoxb-rotated-secret'));
    const sealed = await raw('TROT');
    expect(JSON.stringify(sealed)).not.toContain('xoxb-rotated-secret');
    expect(sealed?.keyId).toBe(createSecretBox([oldKey]).keyId);

    // SECRETS_KEY=<new>,<old>: still read, and re-sealed with the new key on that read.
    const rotated = createInstallationStore(world.harness.database.connection, createSecretBox([newKey, oldKey]));
    expect((await rotated.fetchInstallation(query('TROT'))).bot?.token).toBe('xoxb-rotated-secret');
    expect((await raw('TROT'))?.keyId).toBe(createSecretBox([newKey]).keyId);
    // Once re-sealed, the old key can go.
    const newOnly = createInstallationStore(world.harness.database.connection, createSecretBox([newKey]));
    expect((await newOnly.fetchInstallation(query('TROT'))).bot?.token).toBe('xoxb-rotated-secret');
    // A key that never sealed it opens nothing.
    const stranger = createInstallationStore(world.harness.database.connection, createSecretBox([key()]));
    await expect(stranger.fetchInstallation(query('TROT'))).rejects.toThrow(/SECRETS_KEY does not list/);
  });

  it('seals an installation stored in the clear by an earlier version on its first read', async () => {
    await world.harness.database.connection
      .collection('slack_installations')
      .insertOne({ _id: 'team:TOLD' as never, installation: installation('TOLD', 'xoxb-legacy-plain'), updatedAt: new Date() });
    const store = createInstallationStore(world.harness.database.connection, createSecretBox([key()]));
    expect((await store.fetchInstallation(query('TOLD'))).bot?.token).toBe('xoxb-legacy-plain');
    expect(JSON.stringify(await raw('TOLD'))).not.toContain('xoxb-legacy-plain');
  });
});
