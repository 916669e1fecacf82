import fc from 'fast-check';
import type { Actor } from '../../src/core/events.js';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { cast, partneredWorld, readable, type World } from '../int/partnership-fixtures.js';
import { hostileText } from '../support/reliability-arbitraries.js';
import { describeReliability, printSummary, scaleName } from '../support/reliability-scale.js';

/**
 * Issue 9, "Bad input" through the command grammar into every command's own parsing
 * (partnerships, customers, providers, review, members, reminders, enrollment): generated command
 * lines from people of every kind. The engine answers each one with a message that says what is
 * wrong — never "something went wrong" (an unexpected error), never a throw.
 */
const COMMANDS = [
  'appeal',
  'customers',
  'end-access',
  'enroll',
  'find-provider',
  'grant',
  'invitations',
  'invite-customer',
  'invite-reseller',
  'members',
  'partners',
  'partnerships',
  'primary-contact',
  'provider',
  'providers',
  'reminders',
  'remove-customer',
  'remove-partnership',
  'reply-review',
  'resellers',
  'resend-verification',
  'review',
  'revoke',
  'audit',
  'status',
  'help',
  '結束合夥關係', // a command's Chinese name (src/i18n/command-aliases.ts)
  '邀請新客戶',
  '變更主要連絡人',
];
const SUBWORDS = [
  'add',
  'edit',
  'approve',
  'reject',
  'ask',
  'show',
  'list',
  '--days',
  '--with-provider',
  '--name',
  '--country',
  '--partner-id',
  '--services',
  '--admins',
  '--email',
  '--phone',
  '--role',
  'admin-agent',
  'global-admin',
  'TW',
  'US',
  'Fabrikam',
  'Contoso',
  'app_00000000',
  'rita@contoso.com.tw',
  'admin@wingtip.com.tw',
  '731',
  '-1',
  '0',
  '1e9',
];
const CASES = { smoke: 200, ci: 600, full: 3_000 }[scaleName];

describeReliability('bad input: command lines into every command', () => {
  let world: World;
  beforeAll(async () => {
    ({ world } = await partneredWorld('relcommands'));
  });
  afterAll(async () => world.harness.close());

  it('answers every generated command line with a clear message', async () => {
    const generic = createTranslator(catalogs, 'en')('error.generic');
    const people: Actor[] = [cast.operator, cast.pam, cast.rita, cast.sam, cast.otto, cast.stranger, cast.mei];
    const line = fc.tuple(
      fc.constantFrom(...COMMANDS),
      fc.array(fc.oneof(fc.constantFrom(...SUBWORDS), hostileText()), { maxLength: 5 }),
      fc.constantFrom(...people),
      fc.boolean(),
    );
    const unclear: string[] = [];
    const crashes: string[] = [];
    let cases = 0;
    for (const [name, words, who, typed] of fc.sample(line, CASES)) {
      cases++;
      const args = words.join(' ');
      const what = `${who.userId}: ${name} ${args.slice(0, 120)}`;
      try {
        const replies = typed ? await world.send(who, `${name} ${args}`) : await world.harness.send(who, { kind: 'command', name, args });
        const text = readable(replies);
        if (!text.trim() || text.includes(generic)) unclear.push(`${what} → ${text.slice(0, 120)}`);
      } catch (error) {
        // The engine answers every turn; a throw reaching the adapter is a crash of the turn.
        crashes.push(`${what} → threw ${String(error).slice(0, 200)}`);
      }
    }
    printSummary('bad-input (commands)', {
      events: cases,
      'faults injected': cases,
      crashes: crashes.length,
      'unclear answers': unclear.length,
    });
    expect(cases).toBe(CASES);
    expect(crashes.slice(0, 10)).toEqual([]);
    expect(unclear.slice(0, 10)).toEqual([]);
  }, 600_000);
});
