import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationConstants,
  AuthenticationError,
  ClaimsIdentity,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { readFileSync } from 'node:fs';
import type { Logger } from '../../src/public.js';
import { ActivityShapeError } from './activity-shape.js';

/** The Bot Framework credentials (Azure bot registration); no app id = authentication off. */
export interface TeamsCredentials {
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TENANT_ID?: string;
  MICROSOFT_APP_TYPE?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Another identity provider than Microsoft's (tests, sovereign clouds): see src/config.ts. */
  BOT_OPENID_METADATA_URL?: string;
  BOT_TOKEN_ISSUER?: string;
  BOT_LOGIN_URL?: string;
  BOT_OAUTH_SCOPE?: string;
  BOT_LOGIN_CA_FILE?: string;
}

/** The CloudAdapter and the outbound calls the rest of the Teams adapter makes through it. */
export interface TeamsConnector {
  readonly cloud: CloudAdapter;
  continueWith(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  createConversation(serviceUrl: string, parameters: ConversationParameters, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  /**
   * Runs `logic` on an activity recorded in the inbox, as on one just received. It was authenticated when it came;
   * its request is gone, so the turn's outbound calls carry the bot's own identity, as its proactive messages do.
   */
  replay(activity: Record<string, unknown>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
}

export function createConnector(credentials: TeamsCredentials, logger: Logger): TeamsConnector {
  const appId = credentials.MICROSOFT_APP_ID ?? '';
  const options: ConfigurationBotFrameworkAuthenticationOptions = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: credentials.MICROSOFT_APP_PASSWORD,
        MicrosoftAppTenantId: credentials.MICROSOFT_APP_TENANT_ID,
        MicrosoftAppType: credentials.MICROSOFT_APP_TYPE ?? 'MultiTenant',
        ...trustOverrides(credentials),
      }
    : {};
  const scope = credentials.BOT_OAUTH_SCOPE ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  const authentication = new RefusingAuthentication(options, loginOverride(credentials));
  const cloud = new CloudAdapter(authentication);
  cloud.onTurnError = async (_ctx, error) => {
    if (error instanceof ActivityShapeError) logger.warn({ reason: error.message }, 'teams activity refused');
    else logger.error({ err: error }, 'teams turn failed');
    // Rethrown so that CloudAdapter answers 500 instead of an empty 200.
    throw error;
  };
  return {
    cloud,
    continueWith: (reference, logic) =>
      cloud.continueConversationAsync(appId, reference, async (ctx) => {
        // The continuation activity has a random id that sendActivity would reply to: answer the
        // reference's activity instead (its thread in a channel), or post anew when there is none.
        ctx.activity.id = reference.activityId as string;
        await logic(ctx);
      }),
    createConversation: (serviceUrl, parameters, logic) =>
      cloud.createConversationAsync(appId, 'msteams', serviceUrl, scope, parameters, logic),
    replay(activity, logic) {
      // The claims botbuilder gives a proactive turn (CloudAdapterBase.createClaimsIdentity).
      const claimsIdentity = new ClaimsIdentity([
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ]);
      const connectorFactory = authentication.createConnectorFactory(claimsIdentity);
      return cloud.processActivityDirect(
        { audience: scope, claimsIdentity, connectorFactory },
        structuredClone(activity) as unknown as Activity,
        logic,
      );
    },
  };
}

/**
 * botbuilder lets jsonwebtoken's errors through (a signature that does not match the listed key it names),
 * which CloudAdapter answers 500 as if the bot had failed: the request is refused, 401.
 */
class RefusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string) {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if ((error as Error).name !== 'JsonWebTokenError') throw error;
      throw new AuthenticationError(`Unauthorized. ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
    }
  }
}

/**
 * botbuilder's own keys for another cloud. Once one is set it takes every one as given, so the rest
 * keep Microsoft's public-cloud values. None set: botbuilder's defaults, exactly as without overrides.
 */
function trustOverrides(credentials: TeamsCredentials): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  const { BOT_OPENID_METADATA_URL, BOT_TOKEN_ISSUER, BOT_LOGIN_URL, BOT_OAUTH_SCOPE } = credentials;
  if (!BOT_OPENID_METADATA_URL && !BOT_LOGIN_URL && !BOT_OAUTH_SCOPE) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: BOT_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: BOT_TOKEN_ISSUER ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    // Microsoft's login: botbuilder's credentials then sign in to MICROSOFT_APP_TENANT_ID, as by default.
    ToChannelFromBotLoginUrl: BOT_LOGIN_URL ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: BOT_OAUTH_SCOPE ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * botbuilder hands MSAL the login URL without `knownAuthorities`, so MSAL asks Microsoft's instance
 * discovery whether to trust it (and cannot on a closed network), and uses the default CA store. With
 * BOT_LOGIN_URL, the bot's own MSAL client trusts that authority as configured, and BOT_LOGIN_CA_FILE.
 */
function loginOverride(credentials: TeamsCredentials): ServiceClientCredentialsFactory | undefined {
  const { MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, BOT_LOGIN_URL, BOT_LOGIN_CA_FILE } = credentials;
  if (!MICROSOFT_APP_ID || !BOT_LOGIN_URL) return undefined;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: MICROSOFT_APP_ID,
      clientSecret: MICROSOFT_APP_PASSWORD,
      authority: BOT_LOGIN_URL,
      knownAuthorities: [new URL(BOT_LOGIN_URL).host],
    },
    system: BOT_LOGIN_CA_FILE ? { customAgentOptions: { ca: readFileSync(BOT_LOGIN_CA_FILE, 'utf8') } } : {},
  });
  // The ESM build's class, where botframework-connector declares the CommonJS one: it only calls acquireTokenByClientCredential.
  return new MsalServiceClientCredentialsFactory(
    MICROSOFT_APP_ID,
    msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1],
  );
}
