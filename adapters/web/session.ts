import type { Request, Response } from 'express';
import { findPersona, personaActor, personaConversationId, toLocale, type Actor, type Locale, type Persona } from '../../src/public.js';

/**
 * What the browser chose: the persona it acts as and the language. Both live in cookies (SameSite=Lax,
 * so a cross-site form post arrives without a persona and acts as no one).
 */
export interface WebSession {
  persona: Persona | undefined;
  locale: Locale;
}

const PERSONA_COOKIE = 'csp_persona';
const LOCALE_COOKIE = 'csp_lang';
const YEAR_MS = 365 * 24 * 3600 * 1000;

export function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    try {
      out[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie is ignored, like a missing one.
    }
  }
  return out;
}

export function readCookie(req: Request, name: string): string | undefined {
  return cookies(req)[name];
}

export function readSession(req: Request, playground: boolean): WebSession {
  const jar = cookies(req);
  const locale = jar[LOCALE_COOKIE] ? toLocale(jar[LOCALE_COOKIE]) : toLocale(req.acceptsLanguages('en', 'zh-TW', 'zh') || 'en');
  return { persona: playground ? findPersona(jar[PERSONA_COOKIE]) : undefined, locale };
}

const cookieOptions = { path: '/', sameSite: 'lax', httpOnly: true, maxAge: YEAR_MS } as const;

export function setPersonaCookie(res: Response, persona: Persona): void {
  res.cookie(PERSONA_COOKIE, persona.id, cookieOptions);
}

export function setLocaleCookie(res: Response, locale: Locale): void {
  res.cookie(LOCALE_COOKIE, locale, cookieOptions);
}

/** The actor and conversation the core sees for this browser's persona. */
export function whoIs(persona: Persona, locale: Locale): { actor: Actor; conversationId: string } {
  return { actor: personaActor(persona, locale), conversationId: personaConversationId(persona.id) };
}

/** Only same-site pages may post (cookies are SameSite=Lax; this also refuses cross-site form posts outright). */
export function isSameSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  return !origin || origin === `${req.protocol}://${req.headers.host}`;
}

/** A local path to return to after switching persona or language (never another site). */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/';
}
