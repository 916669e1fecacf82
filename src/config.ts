import { z } from 'zod';
import { parseIntervals } from './reminders/intervals.js';
import { DEFAULT_WORKING_HOURS_TEXT, parseWorkingHours } from './reminders/working-hours.js';

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = (example: string) => z.url({ message: `expected a URL such as ${example}` }).optional();

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
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'expected an SMTP URL such as smtp://user:pass@mail.example.com:587')
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(/^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'expected a sender such as "CSP bot <bot@example.com>"')
      .optional(),
    /** Reminder intervals overriding the defaults, e.g. `verify-resend=24h,review-status=5bd` (see src/reminders/intervals.ts). */
    REMINDER_INTERVALS: z
      .string()
      .default('')
      .superRefine((value, ctx) => {
        try {
          parseIntervals(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    /** When reminders may reach people, in each one's time zone: `Mon-Fri 09-18` (default), `Sun-Thu 08-17`, or `always`. */
    WORKING_HOURS: z
      .string()
      .default(DEFAULT_WORKING_HOURS_TEXT)
      .superRefine((value, ctx) => {
        try {
          parseWorkingHours(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
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
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    DATA_DIR: z.string().default('.data'),
    DEMO: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
    /** Chat turns running at once in this process (src/core/turn-queue.ts). */
    TURN_CONCURRENCY: z.coerce
      .number({ message: 'expected a number of turns such as 16' })
      .int('expected a whole number such as 16')
      .min(1, 'expected at least 1')
      .default(16),
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
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set, e.g. "CSP bot <bot@example.com>"' });
    }
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'is required when MICROSOFT_APP_ID is set' });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required to verify Slack requests when SLACK_BOT_TOKEN is set',
      });
    }
  });

export type Config = z.output<typeof envSchema> & { PUBLIC_URL: string };

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
