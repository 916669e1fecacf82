import { createHmac } from 'node:crypto';
import fc from 'fast-check';

/**
 * Generators of hostile input shared by the bad-input scenarios: text with every kind of code
 * point (lone surrogates, controls, RTL marks, CJK), Slack markup, quotes, very long words; JSON
 * whose keys are the ones that break naive code (`toString`, `__proto__`, dotted keys, `$` keys).
 */
const SPECIAL = [
  '',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u202e',
  '\ufeff',
  '"',
  "'",
  '“',
  '”',
  '--',
  '--yes',
  '=',
  '/csp',
  '/',
  '<@U1>',
  '<mailto:a@b.co|a@b.co>',
  '&amp;',
  '&lt;',
  '<#C1|x>',
  '台灣',
  '略過',
  '%',
  '\\',
  '${x}',
  '{{x}}',
  'null',
  '💥',
];

export function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...SPECIAL), { maxLength: 8 }).map((parts) => parts.join(' ')) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 12 })), { maxLength: 10 })
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)) },
  );
}

const NASTY_KEYS = [
  'toString',
  'valueOf',
  '__proto__',
  'constructor',
  'a.b',
  '$where',
  'formId',
  'actionId',
  'value',
  'type',
  'text',
  'f.x',
  'id',
  'from',
  'conversation',
  'tenantId',
  'channelData',
  'tenant',
];

/** JSON values (what JSON.parse can give), biased towards keys our translators read. */
export function hostileJson(): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 }));
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), hostileText());
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  }));
  // Through JSON.stringify/parse so `__proto__` is an own key, exactly as a parsed request body has it.
  return value.map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown);
}

/** `view.state.values` in Slack's shape (Slack builds it; the values inside are what people typed). */
export function modalState(): fc.Arbitrary<unknown> {
  const element = fc.record(
    {
      type: fc.constantFrom('plain_text_input', 'checkboxes', 'static_select', 'email_text_input', 'url_text_input'),
      value: fc.option(hostileText(), { nil: null }),
      selected_option: fc.option(fc.record({ value: hostileText() }), { nil: null }),
      selected_options: fc.array(fc.record({ value: hostileText() }), { maxLength: 3 }),
    },
    { requiredKeys: ['type'] },
  );
  return fc.dictionary(hostileText(), fc.dictionary(hostileText(), element, { maxKeys: 2 }), { maxKeys: 4 });
}

/** A Bot Framework activity as botbuilder hands it over (from, recipient, conversation present) with hostile contents. */
export function teamsActivity() {
  const account = fc.record({
    id: hostileText(),
    name: fc.option(hostileText(), { nil: undefined }),
    aadObjectId: fc.option(hostileText(), { nil: undefined }),
  });
  return (
    fc
      .record(
        {
          type: fc.constantFrom('message', 'invoke'),
          text: fc.option(hostileText(), { nil: undefined }),
          value: hostileJson(),
          replyToId: fc.option(hostileText(), { nil: undefined }),
          locale: fc.option(hostileText(), { nil: undefined }),
          from: account,
          recipient: account,
          conversation: fc.record({
            id: hostileText(),
            tenantId: fc.option(hostileText(), { nil: undefined }),
            conversationType: fc.constantFrom('personal', 'channel', 'groupChat', 'x'),
            isGroup: fc.boolean(),
          }),
          channelData: hostileJson(),
          entities: fc.array(fc.record({ type: fc.constantFrom('mention', 'clientInfo'), text: hostileText(), mentioned: account }), {
            maxLength: 2,
          }),
        },
        { requiredKeys: ['type', 'from', 'recipient', 'conversation'] },
      )
      // Teams sends mention entities only with the text they mention in (without, botbuilder's own helper throws).
      .map((activity) => (activity.text === undefined ? { ...activity, entities: [] } : activity))
  );
}

/**
 * JWTs a Bot Framework issuer never signed: our own key, `alg: none`, expired, another audience.
 * The issuer is not Microsoft's: for a Microsoft issuer botbuilder first fetches the signing keys
 * from login.botframework.com, which an offline test machine cannot reach (it answers 500 then).
 */
export function forgedJwts(appId: string): string[] {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const sign = (header: object, claims: object, key = 'attacker-key') => {
    const unsigned = `${encode(header)}.${encode(claims)}`;
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  };
  const claims = { iss: 'https://attacker.example', aud: appId, iat: now, nbf: now, exp: now + 600, serviceurl: 'http://127.0.0.1:9/' };
  return [
    sign({ alg: 'HS256', typ: 'JWT' }, claims),
    sign({ alg: 'RS256', typ: 'JWT', kid: 'guessed-kid' }, claims),
    `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`,
    sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now - 3_600 }),
    sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'another-app' }),
    'not-a-jwt',
    '',
  ];
}
