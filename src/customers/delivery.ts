import { applyChange } from '../core/decider.js';
import { AppError } from '../core/errors.js';
import { actorKey } from '../core/events.js';
import type { ActionInput, TurnContext } from '../core/module.js';
import { text, type Reply } from '../core/replies.js';
import type { CoreServices } from '../core/services.js';
import { hashToken, unsealToken } from '../core/tokens.js';
import { invitationLink } from '../partnerships/api.js';
import { renderMail } from '../shared/mail-layout.js';
import type { CustomerStore } from './store.js';
import { loadParties, resellerAccess } from './parties.js';
import { recordRequest } from './record.js';
import { approvalBlocks, draftMail } from './request-view.js';
import { CUSTOMER_AUDIT, decideRequest, evolveRequest } from './states.js';

/**
 * **Send it for me** (`customer.send`, value `<requestId>:<sealed token>`: the link the reseller was shown, sealed
 * with SECRETS_KEY and checked against the stored hash, so the bot emails exactly that link) and **Done** (`customer.done`: the reseller sent it).
 * Either way the customer's admin also gets a chat message with Approve / Decline when the bot knows them.
 */
export async function deliverRequest(services: CoreServices, store: CustomerStore, ctx: TurnContext, input: ActionInput): Promise<Reply[]> {
  if (input.kind !== 'action') throw new AppError('INVITATION.UNKNOWN');
  const how = input.actionId === 'customer.send' ? 'bot' : 'reseller';
  const [requestId, sealed] = input.value.split(':');
  const token = sealed ? unsealToken(services.secrets, sealed) : undefined;
  const request = await store.request(requestId);
  if (!request) throw new AppError('INVITATION.UNKNOWN');
  if (how === 'bot' && (!token || hashToken(token) !== request.tokenHash)) throw new AppError('INVITATION.UNKNOWN');
  const access = await resellerAccess(services, ctx);
  const parties = await loadParties(services, request);
  const decision = decideRequest(
    { type: 'deliver', how, by: actorKey(ctx.actor), at: ctx.now, actorIsRequester: access?.org._id === request.resellerOrgId },
    request.state,
    { expiresAt: request.expiresAt, resellerCountry: parties.reseller.country },
  );
  await applyChange(services.claims, {
    decision,
    claim: `invitation:${request._id}:delivered`,
    lost: 'CUSTOMER.ALREADY_SENT',
    evolve: (event) => evolveRequest(request.state, event),
    write: (state) => store.setRequestState(request._id, state),
    record: (state) => recordRequest(services, ctx, { ...request, state }, CUSTOMER_AUDIT.sent, { how }),
  });

  // Told after the change, not in it: the reply says how the customer was reached.
  const link = token ? invitationLink(services.publicUrl, token) : undefined;
  const reached = await services.notifier.notify(
    { email: request.inviteeEmail },
    (locale) => {
      const t = services.translatorFor(locale);
      const blocks = approvalBlocks(t, request, parties, ctx.now);
      if (!link) return { message: { blocks } };
      const mail = draftMail(t, request, parties, link);
      return { message: { blocks }, mail: renderMail({ tag: 'customer.request', subject: mail.subject, paragraphs: [mail.body] }) };
    },
    { alsoEmail: how === 'bot' },
  );
  const key = how === 'bot' ? 'customer.delivery.sent' : 'customer.delivery.done';
  const chat = reached.chat ? `\n${ctx.t('customer.delivery.chat')}` : '';
  const message = { blocks: [text(`${ctx.t(key, { email: request.inviteeEmail })}${chat}`)] };
  return [input.messageId ? { type: 'update', messageId: input.messageId, message } : { type: 'post', message }];
}
