import { Router, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import type { AuditLog, Logger, SecretBox } from '../../src/public.js';
import { cookies } from './session.js';

/** "Sign in with Microsoft" (ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_AUTHORITY). */
export interface EntraConfig {
  clientId: string;
  clientSecret: string;
  /** The OpenID issuer, e.g. `https://login.microsoftonline.com/organizations/v2.0`. */
  authority: string;
}

/** Who signed in, for which link page, until when (kept in a sealed cookie). */
export interface EntraSignIn {
  tenantId: string;
  /** The ID token's `wids` lists the Global Administrator role template. */
  globalAdmin: boolean;
  objectId?: string;
  /** The link page (path) this sign-in was for: a sign-in answers one link only. */
  link: string;
  expiresAt: number;
}

/** Why a signed-in person may not answer a link (a message key of chrome-text.ts, with the tenant they signed in from). */
export interface EntraRefusal {
  key: 'entra.notGlobalAdmin' | 'entra.otherTenant';
  tenant: string;
}

/** Why a sign-in did not complete (message keys of chrome-text.ts). */
export type EntraFailure = 'entra.failed.expired' | 'entra.failed.noTenant' | 'entra.failed.refused';

export interface EntraGate {
  /** The start and callback routes; `failed` renders a failed sign-in's page. */
  routes(failed: (req: Request, res: Response, why: EntraFailure) => Promise<void>): Router;
  /** The sign-in for this link page, when there is a valid one. */
  signedIn(req: Request, link: string): EntraSignIn | undefined;
  /** Where to send someone who must sign in before answering this link page. */
  startPath(link: string): string;
  /** Checks a sign-in against what the link names: undefined when they may answer (refusals are audited). */
  check(signIn: EntraSignIn, required: { tenantId?: string }): Promise<EntraRefusal | undefined>;
}

export const START_PATH = '/auth/entra/start';
export const CALLBACK_PATH = '/auth/entra/callback';
const TX_COOKIE = 'csp_entra_tx';
const SIGN_IN_COOKIE = 'csp_entra';
const TX_MS = 10 * 60_000;
const SIGN_IN_MS = 15 * 60_000;
/** The role template id of Global Administrator in Microsoft Entra ID (the same in every tenant). */
export const GLOBAL_ADMIN_ROLE = '62e90394-69f5-4237-9190-012177145e10';
/** Only link pages may ask for a sign-in and be returned to. */
const LINK_PAGE = /^\/invitations\/[\w-]{43}$/;

interface Transaction {
  verifier: string;
  state: string;
  nonce: string;
  link: string;
  expiresAt: number;
}

/**
 * The gate in front of the link pages' answers: OpenID Connect authorization code flow with PKCE (openid-client)
 * against the authority; the ID token's `tid` and `wids` say which tenant the person signed in from and whether they
 * are its Global Administrator. The transaction and the result live in cookies sealed with SECRETS_KEY.
 */
export function createEntraGate(
  config: EntraConfig,
  deps: { publicUrl: string; secrets: SecretBox; audit: AuditLog; logger: Logger; now: () => Date },
): EntraGate {
  const redirectUri = `${deps.publicUrl}${CALLBACK_PATH}`;
  const secure = deps.publicUrl.startsWith('https://');
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    const authority = new URL(config.authority);
    // http only for a local provider in tests (the configuration refuses it in production).
    const execute = authority.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
    discovered ??= oidc.discovery(authority, config.clientId, config.clientSecret, undefined, { execute }).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
  const read = <T>(req: Request, name: string): T | undefined => {
    const value = cookies(req)[name];
    if (!value) return undefined;
    try {
      const parsed = JSON.parse(deps.secrets.open(value)) as T & { expiresAt: number };
      return parsed.expiresAt > deps.now().getTime() ? parsed : undefined;
    } catch {
      return undefined;
    }
  };
  const record = (action: string, details: Record<string, unknown>) =>
    deps.audit.record({ actorKey: 'system', platform: 'web', action, details, at: deps.now() });

  function routes(failed: (req: Request, res: Response, why: EntraFailure) => Promise<void>): Router {
    const router = Router();
    router.get(START_PATH, async (req, res) => {
      const link = String(req.query.link ?? '');
      if (!LINK_PAGE.test(link)) return void res.status(400).type('text').send('Not a link page');
      const as = await configuration();
      const tx: Transaction = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        link,
        expiresAt: deps.now().getTime() + TX_MS,
      };
      res.cookie(TX_COOKIE, deps.secrets.seal(JSON.stringify(tx)), {
        path: '/auth/entra',
        sameSite: 'lax',
        httpOnly: true,
        secure,
        maxAge: TX_MS,
      });
      const url = oidc.buildAuthorizationUrl(as, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(tx.verifier),
        code_challenge_method: 'S256',
        state: tx.state,
        nonce: tx.nonce,
        // Always a fresh sign-in: the person answering picks the account now, not whichever one the browser holds.
        prompt: 'login',
      });
      res.set('cache-control', 'no-store').redirect(303, url.href);
    });

    router.get(CALLBACK_PATH, async (req, res) => {
      const tx = read<Transaction>(req, TX_COOKIE);
      res.clearCookie(TX_COOKIE, { path: '/auth/entra' });
      if (!tx) return failed(req, res, 'entra.failed.expired');
      try {
        const as = await configuration();
        const tokens = await oidc.authorizationCodeGrant(as, new URL(req.originalUrl, deps.publicUrl), {
          pkceCodeVerifier: tx.verifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        const tenantId = typeof claims?.tid === 'string' ? claims.tid : undefined;
        if (!claims || !tenantId) return await failed(req, res, 'entra.failed.noTenant');
        const wids = Array.isArray(claims.wids) ? claims.wids : [];
        const signIn: EntraSignIn = {
          tenantId,
          globalAdmin: wids.includes(GLOBAL_ADMIN_ROLE),
          objectId: typeof claims.oid === 'string' ? claims.oid : undefined,
          link: tx.link,
          expiresAt: deps.now().getTime() + SIGN_IN_MS,
        };
        await record('link.signed-in', { tenantId, globalAdmin: signIn.globalAdmin, objectId: signIn.objectId });
        res.cookie(SIGN_IN_COOKIE, deps.secrets.seal(JSON.stringify(signIn)), {
          path: '/',
          sameSite: 'lax',
          httpOnly: true,
          secure,
          maxAge: SIGN_IN_MS,
        });
        res.set('cache-control', 'no-store').redirect(303, tx.link);
      } catch (error) {
        deps.logger.warn({ err: error }, 'Microsoft sign-in failed');
        await failed(req, res, 'entra.failed.refused');
      }
    });
    return router;
  }

  return {
    routes,
    signedIn(req, link) {
      const signIn = read<EntraSignIn>(req, SIGN_IN_COOKIE);
      return signIn?.link === link ? signIn : undefined;
    },
    startPath: (link) => `${START_PATH}?link=${encodeURIComponent(link)}`,
    async check(signIn, required) {
      const key = !signIn.globalAdmin
        ? 'entra.notGlobalAdmin'
        : required.tenantId && required.tenantId !== signIn.tenantId
          ? 'entra.otherTenant'
          : undefined;
      if (!key) return undefined;
      await record('link.sign-in-refused', { reason: key, tenantId: signIn.tenantId, expectedTenantId: required.tenantId });
      return { key, tenant: signIn.tenantId };
    },
  };
}
