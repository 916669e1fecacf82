import { z } from 'zod';
import { parseIntervals } from './reminders/intervals.js';
import { DEFAULT_WORKING_HOURS_TEXT, parseWorkingHours } from './reminders/working-hours.js';
import { parseSecretKeys } from './infrastructure/secret-box.js';

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = (example: string) => z.url({ message: `expected a URL such as ${example}` }).optional();

/** A zod check that `parse` reads the text; its error message becomes the variable's message. */
const readableBy = (parse: (text: string) => unknown) => (value: string, ctx: z.RefinementCtx) => {
  try {
    parse(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
};

/** Every environment variable the bot reads, validated once at start-up. */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/.+/, 'expected a connection string such as mongodb://127.0.0.1:27017/csp')
      .optional(),
    PORT: z.coerce
      .number({ message: 'expected a TCP port number such as 3978' })
      .int('expected a whole port number such as 3978')
      .min(0, 'expected a port from 0 to 65535')
      .max(65535, 'expected a port from 0 to 65535')
      .default(3978),
    PUBLIC_URL: optionalUrl('https://bot.example.com'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-/, 'expected a bot token starting with xoxb-')
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-/, 'expected an app-level token starting with xapp-')
      .optional(),
    SLACK_API_URL: optionalUrl('https://slack.com/api/'),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'expected MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .optional(),
    /**
     * Trust another Bot Framework identity provider than Microsoft's public cloud: tests (test/support/bot-framework-idp.ts)
     * and sovereign or private clouds only. Unset, the bot trusts Microsoft's endpoints (botbuilder's defaults).
     */
    BOT_OPENID_METADATA_URL: optionalUrl('https://login.botframework.com/v1/.well-known/openidconfiguration'),
    /** The `iss` of the channel's tokens signed by the keys BOT_OPENID_METADATA_URL lists. */
    BOT_TOKEN_ISSUER: optionalText,
    /** The authority the bot asks for its own token to call the Bot Connector (client credentials, MSAL: https only). */
    BOT_LOGIN_URL: optionalUrl('https://login.microsoftonline.com/<tenant-id>'),
    /** The scope (audience) of that token. */
    BOT_OAUTH_SCOPE: optionalUrl('https://api.botframework.com'),
    /** A PEM file of certificate authorities to trust for BOT_LOGIN_URL (a private CA; NODE_EXTRA_CA_CERTS covers the whole process). */
    BOT_LOGIN_CA_FILE: optionalText,
    /**
     * "Sign in with Microsoft" on the link pages where a customer approves or a reseller authorizes (an Entra app
     * registration's client id and secret; its redirect URI is PUBLIC_URL/auth/entra/callback).
     */
    ENTRA_CLIENT_ID: optionalText,
    ENTRA_CLIENT_SECRET: optionalText,
    /** The OpenID authority (issuer) people sign in with: any work account by default; tests point it at a local provider. */
    ENTRA_AUTHORITY: optionalUrl('https://login.microsoftonline.com/organizations/v2.0'),
    /** `off` serves /api/messages without authentication (a local Bot Framework client; never in production). */
    TEAMS_AUTH: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
    /** The playground (personas, outbox, views, chat API): by default only when no Slack or Teams credentials are set. */
    PLAYGROUND: z.enum(['on', 'off'], { message: 'expected on or off' }).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'expected an SMTP URL such as smtp://user:pass@mail.example.com:587')
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(/^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'expected a sender such as "CSP bot <bot@example.com>"')
      .optional(),
    /** Reminder intervals overriding the defaults, e.g. `verify-resend=24h,review-status=5bd` (see src/reminders/intervals.ts). */
    REMINDER_INTERVALS: z.string().default('').superRefine(readableBy(parseIntervals)),
    /** When reminders may reach people, in each one's time zone: `Mon-Fri 09-18` (default), `Sun-Thu 08-17`, or `always`. */
    WORKING_HOURS: z.string().default(DEFAULT_WORKING_HOURS_TEXT).superRefine(readableBy(parseWorkingHours)),
    OPERATORS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(slack|teams|web):[^:\s]+:[^:\s]+$/,
              'expected comma-separated identities platform:workspace:user such as slack:T0123:U0456,teams:<tenant-id>:<aad-object-id>,web:web:operator',
            ),
        ),
      ),
    /**
     * Keys that encrypt secrets at rest (Slack installation tokens, link tokens waiting to be mailed): comma-separated
     * base64 keys of 32 bytes, the first seals, the others still open (rotation). Unset: a key file under DATA_DIR.
     */
    SECRETS_KEY: z.string().superRefine(readableBy(parseSecretKeys)).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    DATA_DIR: z.string().default('.data'),
    DEMO: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
    /** Chat turns running at once in this process (adapters/shared/turn-queue.ts). */
    TURN_CONCURRENCY: z.coerce
      .number({ message: 'expected a number of turns such as 16' })
      .int('expected a whole number such as 16')
      .min(1, 'expected at least 1')
      .default(16),
    /**
     * How long an acknowledged delivery (or a reminder's delivery) may stay unfinished before another process (or
     * this one, restarted) takes it over (src/infrastructure/inbox.ts, src/reminders/reminder-sweep.ts): longer than a
     * turn takes, queue wait included.
     */
    INBOX_LEASE_MS: z.coerce
      .number({ message: 'expected milliseconds such as 30000' })
      .int('expected a whole number such as 30000')
      .min(1000, 'expected at least 1000')
      .default(30_000),
    /** Turns waiting for a slot; beyond it users are told the bot is busy and to retry. */
    TURN_QUEUE_SIZE: z.coerce
      .number({ message: 'expected a number of turns such as 384' })
      .int('expected a whole number such as 384')
      .min(0, 'expected 0 or more')
      .default(384),
    /**
     * While the event loop lags more than this (acknowledgements wait on it), fewer turns run at once; 0: off.
     * 20 rather than 40: at 200 events/s the acknowledgement p99 was 67–101 ms against 87–126 ms (docs/benchmarks.md).
     */
    TURN_MAX_LOOP_DELAY_MS: z.coerce
      .number({ message: 'expected milliseconds such as 20' })
      .int('expected whole milliseconds such as 20')
      .min(0, 'expected 0 (off) or more')
      .default(20),
  })
  .superRefine((env, ctx) => {
    const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (env.SMTP_URL && !env.MAIL_FROM) problem('MAIL_FROM', 'is required when SMTP_URL is set, e.g. "CSP bot <bot@example.com>"');
    slackProblems(env, problem);
    entraProblems(env, problem);
    teamsProblems(env, problem);
    if (env.NODE_ENV !== 'production') return;
    if (env.PLAYGROUND === 'on') {
      problem(
        'PLAYGROUND',
        'cannot be on with NODE_ENV=production: anyone reaching the port could act as a demo persona and read the outbox',
      );
    }
    if (!slackIsConfigured(env) && !env.MICROSOFT_APP_ID) {
      problem(
        'NODE_ENV',
        'production needs Slack (SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, with SLACK_BOT_TOKEN or OAuth) or Teams (MICROSOFT_APP_ID) credentials; for the local playground leave NODE_ENV unset',
      );
    }
    if (!env.SECRETS_KEY && !env.SLACK_BOT_TOKEN && SLACK_OAUTH.every((name) => env[name])) {
      problem(
        'SECRETS_KEY',
        'is required with NODE_ENV=production when Slack OAuth is configured: it encrypts the stored workspace tokens (make one with: openssl rand -base64 32)',
      );
    }
    const webOperators = env.OPERATORS.filter((identity) => identity.startsWith('web:'));
    if (webOperators.length > 0) {
      problem('OPERATORS', `${webOperators.join(', ')}: web identities are playground personas and cannot be operators in production`);
    }
  });

type Env = z.output<typeof envSchema>;
type Problem = (variable: string, message: string) => void;

const SLACK_OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const SLACK_CREDENTIALS = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', ...SLACK_OAUTH] as const;

/** Slack credentials are complete: a way to receive events and a way to call the Web API. */
export function slackIsConfigured(env: Partial<Record<(typeof SLACK_CREDENTIALS)[number], string>>): boolean {
  const receives = Boolean(env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN);
  return receives && Boolean(env.SLACK_BOT_TOKEN || SLACK_OAUTH.every((name) => env[name]));
}

/** Some Slack credentials without the rest would leave Slack silently off: name what is missing. */
function slackProblems(env: Env, problem: Problem): void {
  if (!SLACK_CREDENTIALS.some((name) => env[name])) return;
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problem('SLACK_SIGNING_SECRET', 'is required to verify Slack requests (or SLACK_APP_TOKEN for Socket Mode) when Slack is configured');
  }
  const oauthSet = SLACK_OAUTH.filter((name) => env[name]);
  if (!env.SLACK_BOT_TOKEN && oauthSet.length < SLACK_OAUTH.length) {
    const missing = SLACK_OAUTH.filter((name) => !env[name]).join(', ');
    problem(
      oauthSet.length > 0 ? missing.split(', ')[0] : 'SLACK_BOT_TOKEN',
      oauthSet.length > 0
        ? `OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together (missing: ${missing})`
        : 'is required (one workspace), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth, several workspaces)',
    );
  }
}

/** Sign-in needs the client id and secret together; production fetches the authority over https only. */
function entraProblems(env: Env, problem: Problem): void {
  if (Boolean(env.ENTRA_CLIENT_ID) !== Boolean(env.ENTRA_CLIENT_SECRET)) {
    problem(env.ENTRA_CLIENT_ID ? 'ENTRA_CLIENT_SECRET' : 'ENTRA_CLIENT_ID', 'ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET go together');
  }
  if (env.ENTRA_AUTHORITY && !env.ENTRA_CLIENT_ID) problem('ENTRA_CLIENT_ID', 'is required when ENTRA_AUTHORITY is set');
  if (env.NODE_ENV === 'production' && env.ENTRA_AUTHORITY && !env.ENTRA_AUTHORITY.startsWith('https://')) {
    problem('ENTRA_AUTHORITY', 'must be an https URL with NODE_ENV=production');
  }
}

function teamsProblems(env: Env, problem: Problem): void {
  if (!env.MICROSOFT_APP_ID) {
    for (const name of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const) {
      if (env[name]) problem('MICROSOFT_APP_ID', `is required when ${name} is set`);
    }
  } else if (env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
    problem('MICROSOFT_APP_PASSWORD', 'is required when MICROSOFT_APP_ID is set');
  }
  if ((env.MICROSOFT_APP_TYPE === 'SingleTenant' || env.MICROSOFT_APP_TYPE === 'UserAssignedMSI') && !env.MICROSOFT_APP_TENANT_ID) {
    problem('MICROSOFT_APP_TENANT_ID', `is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE} (the Azure Bot's tenant)`);
  }
  if (env.TEAMS_AUTH === 'off' && env.MICROSOFT_APP_ID) {
    problem('TEAMS_AUTH', 'off serves Teams without authentication, for a local client: unset MICROSOFT_APP_ID or TEAMS_AUTH');
  }
  if (env.TEAMS_AUTH === 'off' && env.NODE_ENV === 'production') {
    problem('TEAMS_AUTH', 'cannot be off with NODE_ENV=production: anyone could post activities to /api/messages');
  }
  botFrameworkTrustProblems(env, problem);
}

const BOT_FRAMEWORK_TRUST = [
  'BOT_OPENID_METADATA_URL',
  'BOT_TOKEN_ISSUER',
  'BOT_LOGIN_URL',
  'BOT_OAUTH_SCOPE',
  'BOT_LOGIN_CA_FILE',
] as const;

/** The identity provider overrides only make sense with authentication on, and in production only over https. */
function botFrameworkTrustProblems(env: Env, problem: Problem): void {
  const set = BOT_FRAMEWORK_TRUST.filter((name) => env[name]);
  if (set.length > 0 && !env.MICROSOFT_APP_ID) problem('MICROSOFT_APP_ID', `is required when ${set.join(', ')} is set`);
  // The channel's keys and its issuer name one signer: one without the other would mix two clouds.
  if (Boolean(env.BOT_OPENID_METADATA_URL) !== Boolean(env.BOT_TOKEN_ISSUER)) {
    problem(
      env.BOT_TOKEN_ISSUER ? 'BOT_OPENID_METADATA_URL' : 'BOT_TOKEN_ISSUER',
      'BOT_OPENID_METADATA_URL and BOT_TOKEN_ISSUER go together',
    );
  }
  if (env.BOT_LOGIN_CA_FILE && !env.BOT_LOGIN_URL) problem('BOT_LOGIN_URL', 'is required when BOT_LOGIN_CA_FILE is set');
  if (env.BOT_LOGIN_URL && !env.MICROSOFT_APP_PASSWORD) {
    problem('MICROSOFT_APP_PASSWORD', 'is required when BOT_LOGIN_URL is set (the bot signs in with its client secret)');
  }
  // MSAL refuses an http authority; production must not fetch keys or tokens in the clear either.
  const httpsOnly = env.NODE_ENV === 'production' ? (['BOT_OPENID_METADATA_URL', 'BOT_LOGIN_URL'] as const) : (['BOT_LOGIN_URL'] as const);
  for (const name of httpsOnly) {
    if (env[name] && !env[name].startsWith('https://')) {
      problem(
        name,
        env.NODE_ENV === 'production' ? 'must be an https URL with NODE_ENV=production' : 'must be an https URL (MSAL refuses others)',
      );
    }
  }
}

export type Config = Env & { PUBLIC_URL: string };

/** What this process serves; start-up logs it in one line. */
export interface Surfaces {
  slack?: 'events-api' | 'socket-mode';
  teams?: 'authenticated' | 'unauthenticated';
  /** Personas, outbox, views and the chat API. */
  playground: boolean;
  /** The emailed-link landing pages are always served. */
  links: true;
}

/** Slack when its credentials are set, Teams when MICROSOFT_APP_ID is (or TEAMS_AUTH=off), the playground only without either. */
export function surfacesOf(config: Config): Surfaces {
  const slack = slackIsConfigured(config) ? (config.SLACK_APP_TOKEN ? 'socket-mode' : 'events-api') : undefined;
  const teams = config.MICROSOFT_APP_ID ? 'authenticated' : config.TEAMS_AUTH === 'off' ? 'unauthenticated' : undefined;
  const playground = config.PLAYGROUND ? config.PLAYGROUND === 'on' : !slack && teams !== 'authenticated';
  return { slack, teams, playground, links: true };
}

/** The start-up line: every surface that is on. */
export function describeSurfaces(surfaces: Surfaces): string {
  return [
    surfaces.slack && `Slack (${surfaces.slack === 'socket-mode' ? 'Socket Mode' : 'Events API at /slack/events'})`,
    surfaces.teams &&
      `Teams (/api/messages, ${surfaces.teams === 'authenticated' ? 'authenticated' : 'NOT authenticated: local clients only'})`,
    surfaces.playground && 'playground (personas, outbox, views)',
    'emailed-link pages',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Thrown when the environment does not describe a runnable bot; the message names each variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
}

/** Parses the environment; throws a ConfigError listing every bad variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" (docker-compose and .env files produce them).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return { ...config, PUBLIC_URL: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '') };
}
