import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';

/**
 * A local Bot Framework identity provider, both sides of it:
 * - the channel's: OpenID metadata and a JWKS (one RSA key made per run, endorsed for msteams) whose
 *   key signs the tokens Teams puts on the activities it posts to the bot;
 * - the bot's: an Entra-like authority whose token endpoint gives the bot, for its app id and secret
 *   (client credentials), the token it sends the Bot Connector; `verifyBotToken` checks one.
 * The authority is served over HTTPS with a certificate made per run (MSAL refuses http authorities);
 * the bot trusts it through BOT_LOGIN_CA_FILE. The channel's metadata is plain HTTP, as botbuilder
 * fetches it with the default CA store.
 */
export interface BotFrameworkIdp {
  /** The environment that makes the bot trust this provider instead of Microsoft's (with its app id and secret). */
  readonly env: Record<string, string>;
  readonly appId: string;
  /** Client-credentials requests, in order: the client id asked for and whether a token was given. */
  readonly tokenRequests: Array<{ clientId: string; granted: boolean }>;
  /** A channel→bot token as the Bot Framework signs it for an activity to `serviceUrl`. */
  channelToken(serviceUrl: string, options?: ChannelTokenOptions): string;
  /** Whether an Authorization header carries a token this provider gave the bot for the Bot Connector. */
  verifyBotToken(authorization: string | undefined): boolean;
  close(): Promise<void>;
}

export interface ChannelTokenOptions {
  audience?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  /** Signs with a key of its own that the JWKS does not list. */
  unlistedKey?: boolean;
}

const ISSUER = 'https://api.botframework.test';
const SCOPE = 'https://api.botframework.test';

export async function startBotFrameworkIdp(app: { appId: string; password: string; tenantId: string }): Promise<BotFrameworkIdp> {
  const signing = signingKey();
  const unlisted = signingKey();
  const tokenRequests: BotFrameworkIdp['tokenRequests'] = [];
  const tls = await selfSignedCertificate();

  const channel = await listen(createHttpServer(routes({ '/v1/.well-known/openidconfiguration': channelMetadata, '/v1/keys': keys })));
  const authority = await listen(createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => void loginRoutes(req, res)));
  const channelUrl = `http://127.0.0.1:${port(channel)}`;
  const loginUrl = `https://127.0.0.1:${port(authority)}/${app.tenantId}`;

  function channelMetadata(res: ServerResponse) {
    json(res, 200, { issuer: ISSUER, jwks_uri: `${channelUrl}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
  }

  function keys(res: ServerResponse) {
    json(res, 200, { keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: signing.kid, use: 'sig', endorsements: ['msteams'] }] });
  }

  async function loginRoutes(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === `/${app.tenantId}/v2.0/.well-known/openid-configuration`) {
      return json(res, 200, {
        issuer: `${loginUrl}/v2.0`,
        authorization_endpoint: `${loginUrl}/oauth2/v2.0/authorize`,
        token_endpoint: `${loginUrl}/oauth2/v2.0/token`,
        jwks_uri: `${loginUrl}/discovery/v2.0/keys`,
      });
    }
    if (req.method === 'POST' && path === `/${app.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(req));
      const clientId = form.get('client_id') ?? '';
      const granted =
        form.get('grant_type') === 'client_credentials' &&
        clientId === app.appId &&
        form.get('client_secret') === app.password &&
        form.get('scope') === `${SCOPE}/.default`;
      tokenRequests.push({ clientId, granted });
      if (!granted) return json(res, 401, { error: 'invalid_client', error_description: 'unknown client, secret or scope' });
      const accessToken = jwt.sign({ appid: app.appId, tid: app.tenantId }, signing.privateKey, {
        algorithm: 'RS256',
        keyid: signing.kid,
        issuer: `${loginUrl}/v2.0`,
        audience: SCOPE,
        expiresIn: 3600,
      });
      return json(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
    }
    json(res, 404, { error: 'not_found' });
  }

  return {
    appId: app.appId,
    tokenRequests,
    env: {
      MICROSOFT_APP_ID: app.appId,
      MICROSOFT_APP_PASSWORD: app.password,
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: app.tenantId,
      BOT_OPENID_METADATA_URL: `${channelUrl}/v1/.well-known/openidconfiguration`,
      BOT_TOKEN_ISSUER: ISSUER,
      BOT_LOGIN_URL: loginUrl,
      BOT_OAUTH_SCOPE: SCOPE,
      BOT_LOGIN_CA_FILE: tls.certFile,
    },
    channelToken(serviceUrl, { audience = app.appId, expiresIn = 3600, unlistedKey = false } = {}) {
      const key = unlistedKey ? unlisted : signing;
      const now = Math.floor(Date.now() / 1000);
      // Claims set by hand so that an expired token can be made (jsonwebtoken refuses a negative expiresIn).
      const claims = { iss: ISSUER, aud: audience, serviceurl: serviceUrl, iat: now - 60, nbf: now - 60, exp: now + expiresIn };
      return jwt.sign(claims, key.privateKey, { algorithm: 'RS256', keyid: key.kid });
    },
    verifyBotToken(authorization) {
      const [scheme, token] = (authorization ?? '').split(' ');
      if (scheme !== 'Bearer' || !token) return false;
      try {
        const claims = jwt.verify(token, signing.publicKey, { algorithms: ['RS256'], issuer: `${loginUrl}/v2.0`, audience: SCOPE });
        return typeof claims === 'object' && claims.appid === app.appId;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([close(channel), close(authority)]);
      await rm(tls.dir, { recursive: true, force: true });
    },
  };
}

function signingKey(): { kid: string; privateKey: KeyObject; publicKey: KeyObject } {
  return { kid: randomUUID(), ...generateKeyPairSync('rsa', { modulusLength: 2048 }) };
}

/** A certificate for 127.0.0.1 that is its own CA (node:crypto makes keys but not certificates). */
async function selfSignedCertificate(): Promise<{ dir: string; key: string; cert: string; certFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bot-framework-idp-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { dir, key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}

function routes(gets: Record<string, (res: ServerResponse) => void>): RequestListener {
  return (req, res) => {
    const route = req.method === 'GET' ? gets[(req.url ?? '').split('?')[0]] : undefined;
    if (route) route(res);
    else json(res, 404, { error: 'not_found' });
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen<T extends Server>(server: T): Promise<T> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const port = (server: Server) => (server.address() as AddressInfo).port;

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
