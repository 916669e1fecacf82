import express, { Router } from 'express';
import { findPersona, personaActor, personaConversationId, PERSONAS, toLocale } from '../../../src/public.js';
import type { WebDeps } from '../deps.js';
import { isSameSite, safeReturnPath, setLocaleCookie, setPersonaCookie } from '../session.js';

/**
 * The persona and language switches: plain form posts (they work without scripts) that set a
 * cookie and go back to the page they came from.
 */
export function switchRoutes(deps: WebDeps): Router {
  const router = Router();
  router.use('/playground', express.urlencoded({ extended: false, limit: '8kb' }));

  router.post('/playground/persona', (req, res) => {
    const persona = deps.playground ? findPersona(req.body?.persona) : undefined;
    if (!isSameSite(req) || !persona) {
      res.status(400).type('text').send('Unknown persona');
      return;
    }
    setPersonaCookie(res, persona);
    res.redirect(303, safeReturnPath(req.body.returnTo));
  });

  router.post('/playground/locale', async (req, res) => {
    if (!isSameSite(req) || !['en', 'zh-TW'].includes(req.body?.locale)) {
      res.status(400).type('text').send('Unknown language');
      return;
    }
    const locale = toLocale(req.body.locale);
    setLocaleCookie(res, locale);
    // The playground is one person trying every role: the bot's notifications follow the language too.
    if (deps.playground) {
      const now = deps.services.clock.now();
      await Promise.all(PERSONAS.map((p) => deps.services.people.remember(personaActor(p, locale), personaConversationId(p.id), now)));
    }
    res.redirect(303, safeReturnPath(req.body.returnTo));
  });
  return router;
}
