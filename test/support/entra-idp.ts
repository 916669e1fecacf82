import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A work account the local provider signs in: its tenant (`tid`) and directory roles (`wids`). */
export interface WorkAccount {
  sub: string;
  tid: string;
  wids: string[];
}

export interface EntraIdp {
  /** The issuer (ENTRA_AUTHORITY). */
  readonly issuer: string;
  /** Registers the bot as a client: its redirect URI is known once the bot listens. */
  registerClient(redirectUri: string): void;
  /** The account the next sign-in completes as (the provider's login page is skipped). */
  signInAs(account: WorkAccount): void;
  close(): Promise<void>;
}

export const IDP_CLIENT = { id: 'csp-bot-client', secret: 'csp-bot-client-secret' };

/**
 * A local OpenID provider (oidc-provider) standing in for Microsoft Entra ID: authorization code + PKCE, ID tokens
 * carrying `tid`, `wids` and `oid` like Entra's. Its interaction (login) finishes at once as the account chosen by the
 * test, so the browser goes straight back to the bot.
 */
export async function startEntraIdp(): Promise<EntraIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, WorkAccount>();
  let next: WorkAccount | undefined;
  let provider: Provider | undefined;

  server.on('request', async (req, res) => {
    if (!provider) return void res.writeHead(503).end();
    const interaction = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (interaction && next) {
      accounts.set(next.sub, next);
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: next.sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: next.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    provider.callback()(req, res);
  });

  return {
    issuer,
    registerClient(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: IDP_CLIENT.id,
            client_secret: IDP_CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub', 'tid', 'wids', 'oid'] },
        // Entra puts tid and wids in the ID token itself.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: false } },
        ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        async findAccount(_ctx, sub) {
          const account = accounts.get(sub);
          return account && { accountId: sub, claims: async () => ({ sub, tid: account.tid, wids: account.wids, oid: `oid-${sub}` }) };
        },
      });
    },
    signInAs(account) {
      next = account;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
