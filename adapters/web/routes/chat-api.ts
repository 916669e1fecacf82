import express, { Router, type Request, type Response } from 'express';
import type { Input } from '../../../src/public.js';
import { inputId, renderAdaptiveCard, readCardSubmission } from '../../shared/adaptive-card.js';
import type { WebEntry } from '../conversation.js';
import { requestContext, type WebDeps } from '../deps.js';
import { isSameSite, readSession } from '../session.js';
import { runTurn } from '../turn.js';

const EVENT_ID = /^[\w-]{8,64}$/;

/** What the chat page receives for one line: the bot's messages as Adaptive Card JSON. */
export interface ChatLine {
  id: string;
  from: 'user' | 'bot';
  text?: string;
  card?: ReturnType<typeof renderAdaptiveCard>;
  /** Card input ids whose field has an error (the page marks them invalid and focuses the first). */
  invalid: string[];
  proactive: boolean;
  order: number;
}

const toLine = (entry: WebEntry): ChatLine => ({
  id: entry._id,
  from: entry.from,
  text: entry.text,
  card: entry.message ? renderAdaptiveCard(entry.message) : undefined,
  invalid: (entry.message?.blocks ?? []).flatMap((block) =>
    block.type === 'form' ? block.fields.filter((field) => field.error).map((field) => inputId(block.formId, field.id)) : [],
  ),
  proactive: entry.proactive ?? false,
  order: entry.order,
});

/**
 * The chat page's JSON API. Requests must be JSON (a cross-site form cannot send that without a CORS
 * preflight, which is never granted) from the same site, with a client-made event id so a retried
 * request is handled once.
 */
export function chatApiRoutes(deps: WebDeps): Router {
  const router = Router();
  router.use('/api/playground', express.json({ limit: '64kb' }), (req, res, next) => {
    if (!deps.playground) return void res.status(404).json({ error: 'the playground is off' });
    if (req.method === 'POST' && (!req.is('application/json') || !isSameSite(req))) return void res.status(403).json({ error: 'refused' });
    next();
  });

  router.get('/api/playground/messages', async (req, res) => {
    const { persona } = readSession(req, deps.playground);
    if (!persona) return void res.json({ persona: null, cursor: 0, lines: [], unread: {} });
    const since = Number(req.query.since ?? 0) || 0;
    const entries = await deps.conversations.changedSince(persona.id, since);
    if (entries.some((entry) => entry.unread)) await deps.conversations.markRead(persona.id);
    const cursor = Math.max(since, ...entries.map((entry) => entry.rev));
    res
      .set('cache-control', 'no-store')
      .json({ persona: persona.id, cursor, lines: entries.map(toLine), unread: await deps.conversations.unreadCounts() });
  });

  router.post('/api/playground/send', (req, res) => {
    const text = typeof req.body?.text === 'string' ? req.body.text.trim().slice(0, 4000) : '';
    if (!text) return void res.status(400).json({ error: 'empty message' });
    return turn(req, res, { kind: 'message', text });
  });

  router.post('/api/playground/act', async (req, res) => {
    const submission = readCardSubmission(req.body?.data);
    const messageId = typeof req.body?.messageId === 'string' ? req.body.messageId : undefined;
    if (!submission || !messageId) return void res.status(400).json({ error: 'not a press of one of our cards' });
    const input: Input =
      submission.kind === 'action'
        ? { kind: 'action', actionId: submission.actionId, value: submission.value, messageId }
        : { kind: 'form', formId: submission.formId, values: submission.values, messageId };
    return turn(req, res, input);
  });

  async function turn(req: Request, res: Response, input: Input): Promise<void> {
    const ctx = await requestContext(deps, req);
    const eventId = req.body?.eventId;
    if (!ctx.session.persona) return void res.status(409).json({ error: 'pick a persona first' });
    if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) return void res.status(400).json({ error: 'eventId is required' });
    const handled = await runTurn(deps, { persona: ctx.session.persona, locale: ctx.session.locale, input, eventId, t: ctx.t });
    res.json({ ok: true, duplicate: !handled });
  }
  return router;
}
