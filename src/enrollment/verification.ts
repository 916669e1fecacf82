import { AppError } from '../core/errors.js';
import type { LinkKind, LinkResult, TurnContext } from '../core/module.js';
import type { Platform } from '../core/events.js';
import { post, text } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken, newToken } from '../core/tokens.js';
import type { Application, Applications } from './application.js';
import { decide } from './decide.js';
import { mailContact } from './notify.js';
import { VERIFICATION_TTL_MS } from './states.js';
import type { EnrollmentStore } from './store.js';

type Services = Pick<CoreServices, 'clock' | 'notifier' | 'mailer' | 'publicUrl' | 'people'>;

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

/** The `verify-email` link: opening it verifies the address (200); 404 unknown token, 410 expired, superseded or already used. */
export function verificationLink(services: Services, store: EnrollmentStore, applications: Applications): LinkKind {
  return {
    open: (ctx, token) => openVerificationLink(services, store, applications, ctx, token),
    async status(token, now) {
      const tokenHash = hashToken(token);
      const link = await store.link(tokenHash);
      if (!link) return 404;
      const app = await store.application(link.applicationId);
      if (!app) return 404;
      return decide({ type: 'verify-email', tokenHash, at: now }, app.state).ok ? 200 : 410;
    },
  };
}

async function openVerificationLink(
  services: Services,
  store: EnrollmentStore,
  applications: Applications,
  ctx: TurnContext,
  token: string,
): Promise<LinkResult> {
  const reply = (key: string, params?: Record<string, string>) => [post(text(ctx.t(key, params)))];
  const hash = hashToken(token);
  const link = await store.link(hash);
  if (!link) return { status: 404, replies: reply('application.verify.unknown') };
  try {
    const pending = await applications.get(link.applicationId);
    const by = { actorKey: `email:${pending.contactEmail}`, platform: 'system' as const };
    // The parties hear about it from the transition itself (applications.ts), even after a crash.
    const app = await applications.apply(pending._id, { type: 'verify-email', tokenHash: hash, at: services.clock.now() }, by);
    return { status: 200, replies: reply('application.verify.ok', { id: app._id }) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'ENROLLMENT.LINK_EXPIRED')
      return { status: 410, replies: reply('application.verify.expired') };
    if (error instanceof AppError && error.code.startsWith('ENROLLMENT.'))
      return { status: 410, replies: reply('application.verify.used') };
    throw error;
  }
}
