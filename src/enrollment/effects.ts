import { text, type Block } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import type { Params, Translate } from '../i18n/translator.js';
import { adminAgentQuestion, createReseller } from './acceptance.js';
import type { Application } from './application.js';
import { notifyParties, type NoticeKind } from './notify.js';
import type { ApplicationEvent } from './states.js';
import type { EnrollmentStore } from './store.js';
import type { Transition } from './transitions.js';
import { unsealToken } from '../core/tokens.js';
import { mailVerificationLink, rememberLink } from './verification.js';

/**
 * What a transition does besides writing the application, run by whoever completes it (the process that
 * claimed it, or one that finds it unfinished after a crash). `prepare` only writes documents with fixed
 * ids (repeating it changes nothing); `announce` sends mail and chat, each message claimed first so it
 * goes at most once — a crash between that claim and the send loses the message, never the flow (the
 * status offers "resend" and the reminders follow the audit log).
 */
export type EffectServices = Pick<
  CoreServices,
  'claims' | 'organizations' | 'people' | 'clock' | 'notifier' | 'mailer' | 'publicUrl' | 'translatorFor' | 'secrets'
>;

/** Before the audit entries (their listeners may look for them): the new organization, the link's record. */
export async function prepare(services: EffectServices, store: EnrollmentStore, transition: Transition): Promise<void> {
  for (const event of transition.events) {
    if (event.type === 'accepted') await createReseller(services, transition.next);
    // The tenant and PartnerID are free for someone else (identifiers.ts); an appeal takes them again.
    if (event.type === 'rejected') await store.releaseIdentifiers(transition.next._id);
    const token = verificationToken(services, transition);
    if (event.type === 'verification-sent' && token) await rememberLink(store, transition.next, token, event.expiresAt);
  }
}

/** After the audit entries: the verification mail and the parties' notices. */
export async function announce(services: EffectServices, transition: Transition): Promise<void> {
  const app = transition.next;
  const once = (what: string) => services.claims.claim(`application:${app._id}:${what}:${transition.revision}`);
  for (const event of transition.events) {
    if (event.type === 'verification-sent') {
      const token = verificationToken(services, transition);
      if (token && (await once('mail'))) await mailVerificationLink(services, app, token);
      continue;
    }
    const notice = noticeOf(app, event);
    if (notice && (await once(`notice-${notice.kind}`))) {
      // The one who caused the change sees their own turn's reply.
      await notifyParties(services, app, notice.kind, notice.params, { except: transition.by.actorKey, blocks: notice.blocks });
    }
  }
}

const verificationToken = (services: EffectServices, transition: Transition): string | undefined =>
  transition.verificationToken ? unsealToken(services.secrets, transition.verificationToken) : undefined;

function noticeOf(
  app: Application,
  event: ApplicationEvent,
): { kind: NoticeKind; params: Params; blocks?: (t: Translate) => Block[] } | undefined {
  switch (event.type) {
    case 'email-verified':
    case 'more-info-provided':
    case 'appealed':
      return { kind: event.type, params: {} };
    case 'more-info-requested':
      return { kind: event.type, params: { question: event.question } };
    case 'rejected':
      return { kind: event.type, params: { reason: event.reason } };
    case 'accepted':
      return {
        kind: event.type,
        params: {},
        blocks: (t) => [text(t('application.admin-agent.ask')), adminAgentQuestion(t, app)],
      };
    default:
      return undefined;
  }
}
