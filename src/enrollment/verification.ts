import { AppError } from '../core/errors.js';
import type { ActionInput, LinkKind, LinkResult, LinkStatus, TurnContext } from '../core/module.js';
import type { Platform } from '../core/events.js';
import { post, text } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken, newToken } from '../core/tokens.js';
import type { Application, Applications } from './application.js';
import { decide } from './decide.js';
import { mailContact } from './notify.js';
import { VERIFICATION_TTL_MS } from './states.js';
import type { EnrollmentStore, VerificationLink } from './store.js';

/** A new single-use link: the token goes into the mail only, the application keeps its hash. */
export function newVerification(now: Date): { token: string; tokenHash: string; expiresAt: Date } {
  const { token, hash } = newToken();
  return { token, tokenHash: hash, expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS) };
}

/** Remembers the link by hash (so a superseded or used one answers 410); harmless when repeated. */
export async function rememberLink(store: EnrollmentStore, app: Application, token: string, expiresAt: Date): Promise<void> {
  await store.rememberLink({ _id: hashToken(token), applicationId: app._id, expiresAt });
}

/** Emails the primary contact the link `${publicUrl}/verify-email/<token>`. */
export async function mailVerificationLink(
  services: Pick<CoreServices, 'mailer' | 'people' | 'publicUrl' | 'translatorFor'>,
  app: Application,
  token: string,
) {
  const url = `${services.publicUrl}/verify-email/${token}`;
  const legalName = app.answers.values.legalName ?? '';
  await mailContact(services, app, (t) => ({
    subject: t('application.verify.mail.subject'),
    paragraphs: t('application.verify.mail.body', { legalName, id: app._id, days: VERIFICATION_TTL_MS / 86_400_000 }).split('\n'),
    link: { label: t('application.verify.mail.link'), url },
    tag: 'enrollment.verify',
  }));
}

/**
 * Sends the primary contact a fresh single-use, expiring link (a resend, or the first one of an application
 * left "submitted" by the code before the link became part of the submission). The link is stored and
 * mailed by the transition itself (applications.ts), so a crash cannot lose it half-way. Refused
 * (RESEND_TOO_SOON) within the cool-down of the previous link.
 */
export async function sendVerification(
  services: Pick<CoreServices, 'clock'>,
  applications: Applications,
  app: Application,
  by: { actorKey: string; platform: Platform | 'system' },
): Promise<Application> {
  const now = services.clock.now();
  const { token, tokenHash, expiresAt } = newVerification(now);
  return applications.apply(app._id, { type: 'send-verification', tokenHash, expiresAt, at: now }, by, { verificationToken: token });
}

/** The `verify-email` page of a link sent for a change of primary contact (contact-change.ts). */
export interface ChangeLink {
  open(ctx: TurnContext, link: VerificationLink): Promise<LinkResult>;
  act(ctx: TurnContext, link: VerificationLink, input: ActionInput): Promise<LinkResult>;
  status(link: VerificationLink, now: Date): Promise<LinkStatus>;
}

/**
 * The `verify-email` link: opening it shows **Confirm my address** and changes nothing (mail scanners open links
 * ahead of people); the press verifies the address (200). 404 unknown token, 410 expired, superseded or used.
 * A link sent for a change of an organization's primary contact is handed to `contactChange` (contact-change.ts).
 */
export function verificationLink(store: EnrollmentStore, applications: Applications, contactChange: ChangeLink): LinkKind {
  const find = async (token: string, now: Date) => {
    const tokenHash = hashToken(token);
    const link = await store.link(tokenHash);
    if (link?.changeId) return { kind: 'change' as const, link };
    const app = link?.applicationId ? await store.application(link.applicationId) : undefined;
    return app
      ? { kind: 'application' as const, app, tokenHash, decision: decide({ type: 'verify-email', tokenHash, at: now }, app.state) }
      : undefined;
  };
  return {
    async open(ctx, token) {
      const found = await find(token, ctx.now);
      if (found?.kind === 'change') return contactChange.open(ctx, found.link);
      if (!found) return { status: 404, replies: say(ctx, 'application.verify.unknown') };
      if (!found.decision.ok) return closed(ctx, found.decision.refusal.code);
      const { app } = found;
      const confirm = { label: ctx.t('application.verify.confirm.button'), actionId: CONFIRM, value: app._id, style: 'primary' as const };
      const ask = text(ctx.t('application.verify.confirm.text', { email: app.contactEmail, id: app._id }));
      return { status: 200, replies: [post(ask, { type: 'actions', buttons: [confirm] })] };
    },
    async act(ctx, token, input) {
      const found = await find(token, ctx.now);
      if (found?.kind === 'change') return contactChange.act(ctx, found.link, input);
      if (!found) return { status: 404, replies: say(ctx, 'application.verify.unknown') };
      if (input.kind !== 'action' || input.actionId !== CONFIRM || input.value !== found.app._id) throw new AppError('ACTION.STALE');
      const by = { actorKey: `email:${found.app.contactEmail}`, platform: 'system' as const };
      try {
        // The parties hear about it from the transition itself (applications.ts), even after a crash.
        const app = await applications.apply(found.app._id, { type: 'verify-email', tokenHash: found.tokenHash, at: ctx.now }, by);
        return { status: 200, replies: say(ctx, 'application.verify.ok', { id: app._id }) };
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('ENROLLMENT.')) return closed(ctx, error.code);
        throw error;
      }
    },
    async status(token, now) {
      const found = await find(token, now);
      if (found?.kind === 'change') return contactChange.status(found.link, now);
      return !found ? 404 : found.decision.ok ? 200 : 410;
    },
  };
}

const CONFIRM = 'verify-email.confirm';

const say = (ctx: TurnContext, key: string, params?: Record<string, string>) => [post(text(ctx.t(key, params)))];

/** 410: expired, or used or replaced by a newer link. */
function closed(ctx: TurnContext, code: string): LinkResult {
  return { status: 410, replies: say(ctx, code === 'ENROLLMENT.LINK_EXPIRED' ? 'application.verify.expired' : 'application.verify.used') };
}
