import type { App } from '@slack/bolt';
import type { AuditLog, Logger } from '../../src/public.js';
import type { SlackInstallations } from './installation-store.js';

interface Revoked {
  tokens?: { bot?: string[]; oauth?: string[] };
}

/**
 * `app_uninstalled` deletes the workspace's installation (its tokens); `tokens_revoked` drops the revoked tokens
 * (a revoked bot token ends the installation). Both are audited. Bolt calls these listeners without authorizing
 * the event (the tokens may be gone already); Slack signs them like every event.
 */
export function registerRevocations(app: App, installations: SlackInstallations, audit: AuditLog, logger: Logger): void {
  const record = (action: string, teamId: string | undefined, details: Record<string, unknown>) =>
    audit.record({ actorKey: 'system', platform: 'slack', action, subject: `slack:${teamId ?? 'unknown'}`, details, at: new Date() });

  app.event('app_uninstalled', async ({ context }) => {
    const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall };
    await installations.deleteInstallation(query);
    logger.info({ teamId: context.teamId }, 'Slack app uninstalled: installation deleted');
    await record('slack.app-uninstalled', context.teamId, { enterpriseId: context.enterpriseId });
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    const revoked = (event as Revoked).tokens ?? {};
    const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall };
    const outcome = await installations.revokeTokens(query, revoked);
    logger.info({ teamId: context.teamId, outcome }, 'Slack tokens revoked');
    await record('slack.tokens-revoked', context.teamId, { bot: revoked.bot?.length ?? 0, user: revoked.oauth?.length ?? 0, outcome });
  });
}
