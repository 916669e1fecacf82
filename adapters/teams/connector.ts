import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../src/public.js';
import { ActivityShapeError } from './activity-shape.js';

/** The Bot Framework credentials (Azure bot registration); no app id = authentication off. */
export interface TeamsCredentials {
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TENANT_ID?: string;
  MICROSOFT_APP_TYPE?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/** The CloudAdapter and the outbound calls the rest of the Teams adapter makes through it. */
export interface TeamsConnector {
  readonly cloud: CloudAdapter;
  continueWith(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  createConversation(serviceUrl: string, parameters: ConversationParameters, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
}

export function createConnector(credentials: TeamsCredentials, logger: Logger): TeamsConnector {
  const appId = credentials.MICROSOFT_APP_ID ?? '';
  const options: ConfigurationBotFrameworkAuthenticationOptions = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: credentials.MICROSOFT_APP_PASSWORD,
        MicrosoftAppTenantId: credentials.MICROSOFT_APP_TENANT_ID,
        MicrosoftAppType: credentials.MICROSOFT_APP_TYPE ?? 'MultiTenant',
      }
    : {};
  const cloud = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
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
      cloud.createConversationAsync(appId, 'msteams', serviceUrl, 'https://api.botframework.com', parameters, logic),
  };
}
