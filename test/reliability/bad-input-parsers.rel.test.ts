import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseArguments, parseCommand, tokenize } from '../../src/core/command-grammar.js';
import { hashToken, looksLikeToken, newToken } from '../../src/core/tokens.js';
import { FIELD_IDS, type Answers, type FieldId } from '../../src/enrollment/answers.js';
import { parseCountry } from '../../src/shared/country.js';
import { containsSecret, looksLikeSecret } from '../../src/enrollment/secrets.js';
import { firstInvalid, validateField } from '../../src/enrollment/validation.js';
import { catalogs } from '../../app/features.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { checkProvider, rawFromForm, rawFromOptions } from '../../src/providers/provider-input.js';
import { parseDuration, parseIntervals } from '../../src/reminders/intervals.js';
import { decodeConversationId as decodeSlackConversation, decodeMessageId } from '../../adapters/slack/ids.js';
import { parseModalMetadata, readModalValues } from '../../adapters/slack/modal.js';
import { commandInput, messageInput as slackMessageInput, slackTextToPlain } from '../../adapters/slack/translate.js';
import { actorOf, conversationOf, invokeInput, messageInput as teamsMessageInput, tenantOf } from '../../adapters/teams/activity-input.js';
import { readCardSubmission } from '../../adapters/shared/adaptive-card.js';
import { decodeConversationId as decodeTeamsConversation } from '../../adapters/teams/conversation-id.js';
import { describeReliability, printSummary, scaleName, sizes } from '../support/reliability-scale.js';
import { hostileText, modalState, teamsActivity } from '../support/reliability-arbitraries.js';

/**
 * Issue 9, "Bad input" (pure part): every parser, validator and payload translator, fed generated
 * input. Each either answers or refuses with a clear message — it never throws anything else.
 * `cases` counts the inputs the predicates really ran on (fast-check's runs, plus any shrinking), not the planned runs.
 */
const t = createTranslator(catalogs, 'en');
let cases = 0;
const runs = (weight = 1) => Math.max(50, Math.round((sizes.badInputCases / 16) * weight));

let failedProperties = 0;

/** The predicate, counting each input it is called with. */
function counted<A extends unknown[]>(predicate: (...args: A) => boolean | void): (...args: A) => boolean | void {
  return (...args) => {
    cases++;
    return predicate(...args);
  };
}

function check<T>(property: fc.IProperty<T> | fc.IPropertyWithHooks<T>, weight = 1): void {
  const before = cases;
  try {
    fc.assert(property, { numRuns: runs(weight), seed: process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined });
  } catch (error) {
    failedProperties++;
    throw error;
  }
  // A property whose predicate never ran (every input filtered out, a wrong arbitrary) would pass vacuously.
  expect(cases - before).toBeGreaterThanOrEqual(runs(weight));
}

describeReliability('bad input: parsers, validators and translators', () => {
  afterAll(() => {
    printSummary('bad-input (parsers)', {
      events: cases,
      'faults injected': cases,
      'failed properties (crash or unclear rejection)': failedProperties,
    });
  });

  it('the command grammar parses any text without throwing', () => {
    check(
      fc.property(
        hostileText(),
        counted((text) => {
          const parsed = parseCommand(text);
          if (parsed === undefined) return true; // nothing to run: the engine answers with help
          expect(parsed.name).toMatch(/^\S+$/);
          expect(parsed.name).toBe(parsed.name.toLowerCase());
          expect(tokenize(text).every((word) => typeof word === 'string')).toBe(true);
          return Array.isArray(parseArguments(parsed.rest).positional);
        }),
      ),
      2,
    );
  });

  it('loadConfig accepts a valid environment or names every bad variable', () => {
    const keys = [
      'MONGODB_URI',
      'PORT',
      'PUBLIC_URL',
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_API_URL',
      'MICROSOFT_APP_ID',
    ];
    const more = [
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TYPE',
      'SMTP_URL',
      'MAIL_FROM',
      'REMINDER_INTERVALS',
      'OPERATORS',
      'LOG_LEVEL',
      'DEMO',
      'NODE_ENV',
    ];
    check(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys, ...more, 'UNRELATED'), hostileText(), { maxKeys: 8 }),
        counted((env) => {
          try {
            loadConfig(env);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            const message = (error as Error).message;
            // Names the variable (or the environment as a whole) and says what is expected.
            expect(message).toMatch(/^Invalid configuration:\n {2}([A-Z_]+(\.\d+)?|\(environment\)): \S/);
            for (const key of message.match(/^ {2}[A-Z_]+(?=:)/gm) ?? []) expect([...keys, ...more]).toContain(key.trim());
          }
        }),
      ),
      2,
    );
  });

  it('token helpers: only 43-character base64url text looks like a token; hashes are stable', () => {
    check(
      fc.property(
        hostileText(),
        counted((text) => looksLikeToken(text) === /^[A-Za-z0-9_-]{43}$/.test(text) && /^[0-9a-f]{64}$/.test(hashToken(text))),
      ),
    );
    check(
      fc.property(
        fc.constant(null),
        counted(() => looksLikeToken(newToken().token)),
      ),
      0.1,
    );
  });

  it('enrollment validators accept an answer or refuse it with a catalog message', () => {
    const answers = fc.dictionary(fc.constantFrom(...FIELD_IDS), fc.oneof(hostileText(), fc.constantFrom('US', 'TW', 'GB', 'JP', '')), {
      maxKeys: 5,
    });
    check(
      fc.property(
        fc.constantFrom(...FIELD_IDS),
        hostileText(),
        answers,
        counted((field, raw, values) => {
          const result = validateField(field, raw, values as Answers);
          if (result.ok) return typeof result.value === 'string';
          // The person reads `enrollment.invalid.<error>`: it must exist in both languages.
          expect(() => t(`enrollment.invalid.${result.error}`, { country: 'US' })).not.toThrow();
          expect(() => createTranslator(catalogs, 'zh-TW')(`enrollment.invalid.${result.error}`, { country: 'US' })).not.toThrow();
          // The first field a form would ask again is none, or one of the enrollment's fields.
          const invalid: FieldId | undefined = firstInvalid(FIELD_IDS, values as Answers);
          return invalid === undefined || FIELD_IDS.includes(invalid);
        }),
      ),
      3,
    );
    check(
      fc.property(
        hostileText(),
        counted((text) => [parseCountry(text), looksLikeSecret(text), containsSecret(text)].length === 3),
      ),
    );
  });

  it('provider input from forms and command options is checked field by field', () => {
    const fields = fc.dictionary(fc.constantFrom('legalName', 'partnerId', 'country', 'services', 'admins', 'x'), hostileText());
    check(
      fc.property(
        fields,
        fc.constantFrom<'add' | 'edit'>('add', 'edit'),
        counted((values, mode) => {
          for (const raw of [rawFromForm(values), rawFromOptions(values)]) {
            const { problems } = checkProvider(raw, mode);
            for (const problem of Object.values(problems)) expect(() => t(problem.key, problem.params)).not.toThrow();
          }
        }),
      ),
    );
  });

  it('reminder intervals parse or are refused with a message naming the pair', () => {
    check(
      fc.property(
        hostileText(),
        counted((text) => {
          parseDuration(text);
          try {
            parseIntervals(text);
          } catch (error) {
            expect((error as Error).message).toMatch(/unknown interval|is not name=duration/);
          }
        }),
      ),
    );
  });

  it('Slack translators and id decoders accept any text', () => {
    check(
      fc.property(
        hostileText(),
        counted((text) => {
          expect(typeof slackTextToPlain(text)).toBe('string');
          expect(commandInput(text).kind).toBe('command');
          expect(slackMessageInput(text).kind).toBe('message');
          decodeSlackConversation(text);
          decodeMessageId(text);
          decodeTeamsConversation(text);
          parseModalMetadata(text);
        }),
      ),
      2,
    );
  });

  it('Slack modal state of any JSON shape is read without throwing', () => {
    check(
      fc.property(
        modalState(),
        counted((state) => typeof readModalValues(state as never) === 'object'),
      ),
    );
  });

  it('Teams activities and card data of any JSON shape translate without throwing', () => {
    check(
      fc.property(
        teamsActivity(),
        counted((activity) => {
          readCardSubmission(activity.value);
          invokeInput(activity.value, activity.replyToId);
          teamsMessageInput(activity as never);
          actorOf(activity as never);
          expect(typeof tenantOf(activity as never)).toBe('string');
          // Any tenant (one with ":", one that is not a string) gives an id that decodes back to the activity's
          // conversation (an activity without one is refused at the door: adapters/teams/activity-shape.ts).
          const id = (activity as { conversation?: { id?: unknown } }).conversation?.id;
          const conversation = decodeTeamsConversation(conversationOf(activity as never));
          if (id) expect(conversation?.conversationId).toBe(String(id));
        }),
      ),
      2,
    );
  });

  it(`runs ${scaleName === 'full' ? 'the full' : 'a reduced'} number of cases`, () => {
    // Executed inputs, counted in the predicates.
    expect(cases).toBeGreaterThanOrEqual(sizes.badInputCases * 0.9);
  });
});
