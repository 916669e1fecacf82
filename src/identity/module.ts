import { actorKey } from '../core/events.js';
import type { BotModule, CommandSpec, PeriodicJob, TurnContext } from '../core/module.js';
import { post, text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { ownsMailbox } from '../org/mailbox.js';
import { renderMail } from '../shared/mail-layout.js';
import { codeMatches, newEmailCode, type EmailCodes } from './store.js';

/** How long a code works, and how often one identity may have one mailed to one address. */
export const CODE_TTL_MS = 15 * 60_000;
/** Wrong tries per code; then a new code is needed. */
export const CODE_TRIES = 5;

/**
 * Proving a mailbox from chat (identity is proven, not assumed): `verify-email` mails a one-time code to the
 * address of the person's chat profile (the profile is the hint of which address to try), and `verify-email
 * <code>` proves it: from then on that chat identity is the owner of the address (answers invitations and
 * requests sent to it, and is linked to memberships created for it). The other way is the emailed personal link.
 *
 * Claims: `email-code:<actorKey>|<email>:<15-minute window>` (one code mailed per window), `email-code:<codeId>:try:<n>`
 * (each try takes the next of CODE_TRIES slots, so parallel guesses cannot exceed them), `email-code:<codeId>:used`.
 * Audit: `identity.email-proven` { email } with the identity as actor. Codes and these claims are deleted a day
 * after the code expired (`identity.prune-codes`, hourly).
 */
export function identityModule(services: CoreServices, codes: EmailCodes): BotModule {
  return { name: 'identity', commands: [verifyEmailCommand(services, codes)], jobs: [pruneCodesJob(services, codes)] };
}

/** Hourly: codes and their claims a day after they expired (they can no longer prove anything). */
const pruneCodesJob = (services: Pick<CoreServices, 'claims' | 'clock'>, codes: EmailCodes): PeriodicJob => ({
  name: 'identity.prune-codes',
  everyMs: 3600_000,
  async run() {
    const before = new Date(services.clock.now().getTime() - 24 * 3600_000 - CODE_TTL_MS);
    await codes.deleteExpired(before);
    await services.claims.prune(['email-code:'], before);
  },
});

function verifyEmailCommand(services: CoreServices, codes: EmailCodes): CommandSpec {
  return {
    name: 'verify-email',
    usage: 'verify-email [code]',
    summaryKey: 'identity.help',
    available: async (ctx) => Boolean(ctx.actor.email),
    async run(ctx, command) {
      const typed = command.positional[0];
      if (typed === undefined) return sendCode(services, codes, ctx);
      if (!/^\d{6}$/.test(typed)) return say(ctx, 'identity.usage');
      return checkCode(services, codes, ctx, typed);
    },
  };
}

const say = (ctx: TurnContext, key: string, params?: Record<string, string | number>): Reply[] => [post(text(ctx.t(key, params)))];

async function sendCode(services: CoreServices, codes: EmailCodes, ctx: TurnContext): Promise<Reply[]> {
  const email = ctx.actor.email?.toLowerCase();
  if (!email) return say(ctx, 'identity.noEmail');
  if (await ownsMailbox(services, ctx.actor, email)) return say(ctx, 'identity.already', { email });
  const key = actorKey(ctx.actor);
  const window = Math.floor(ctx.now.getTime() / CODE_TTL_MS);
  if (!(await services.claims.claim(`email-code:${key}|${email}:${window}`))) return say(ctx, 'identity.recent', { email });
  const { doc, code } = newEmailCode(key, email, ctx.now, CODE_TTL_MS);
  await codes.insert(doc);
  const t = ctx.t;
  const mail = renderMail({
    subject: t('identity.mail.subject', { code }),
    paragraphs: t('identity.mail.body', {
      code,
      name: ctx.actor.displayName,
      minutes: CODE_TTL_MS / 60_000,
    }).split('\n'),
    tag: 'identity.code',
  });
  await services.mailer.send({ ...mail, to: email, locale: ctx.locale, secrets: [code] });
  return say(ctx, 'identity.sent', { email, minutes: CODE_TTL_MS / 60_000 });
}

async function checkCode(services: CoreServices, codes: EmailCodes, ctx: TurnContext, typed: string): Promise<Reply[]> {
  const key = actorKey(ctx.actor);
  const doc = await codes.live(key, ctx.now);
  if (!doc) return say(ctx, 'identity.noCode');
  let tryNumber = 0;
  for (let n = 1; n <= CODE_TRIES && !tryNumber; n++) if (await services.claims.claim(`email-code:${doc._id}:try:${n}`)) tryNumber = n;
  if (!tryNumber) return say(ctx, 'identity.tooMany');
  if (!codeMatches(doc, typed)) {
    const left = CODE_TRIES - tryNumber;
    return left > 0 ? say(ctx, 'identity.wrong', { left }) : say(ctx, 'identity.tooMany');
  }
  // Used once: a second, parallel right answer finds the proof already there.
  if (await services.claims.claim(`email-code:${doc._id}:used`)) {
    await services.mailboxes.prove(key, doc.email, ctx.now);
    await services.audit.record({
      actorKey: key,
      platform: ctx.actor.platform,
      action: 'identity.email-proven',
      subject: key,
      details: { email: doc.email },
      at: ctx.now,
    });
  }
  return say(ctx, 'identity.proven', { email: doc.email });
}
