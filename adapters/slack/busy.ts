import { busyText } from '../shared/busy-notice.js';
import type { Locale, Logger } from '../../src/public.js';
import type { Profiles } from './profiles.js';
import { callSlack, type WebClient } from './web-api.js';

const MAX_ENTRIES = 5_000;

/** The turn queue's key for a Slack user: one user's turns run in order (a slash command's conversation is their DM). */
export const slackTurnKey = (teamId: string, userId: string) => `slack:${teamId}:${userId}`;

/**
 * Tells a Slack user the bot is too busy to take their event (the turn queue is full). Decided before
 * the acknowledgement, without asking Slack anything: the language is the one last seen for the user
 * in this process (both languages for someone not seen yet).
 */
export interface BusyNotices {
  /** Profiles that remember each user's language for the notice. */
  watch(profiles: Profiles): Profiles;
  text(teamId: string, userId: string): string;
  /** For events whose acknowledgement carries no text (button presses, DM messages): an ephemeral message. */
  tell(client: WebClient, channel: string, teamId: string, userId: string): Promise<void>;
  /** Resolves when the notices being sent have been sent (shutdown). */
  settled(): Promise<void>;
}

export function createBusyNotices(logger: Logger): BusyNotices {
  const locales = new Map<string, Locale>();
  const sending = new Set<Promise<unknown>>();
  const text = (teamId: string, userId: string) => busyText(locales.get(slackTurnKey(teamId, userId)));
  return {
    watch: (profiles) => ({
      async actor(client, teamId, userId) {
        const actor = await profiles.actor(client, teamId, userId);
        const key = slackTurnKey(teamId, userId);
        locales.delete(key);
        if (locales.size >= MAX_ENTRIES) locales.delete(locales.keys().next().value as string);
        locales.set(key, actor.locale);
        return actor;
      },
    }),
    text,
    async tell(client, channel, teamId, userId) {
      const notice = text(teamId, userId);
      const sent = callSlack(client, logger, 'chat.postEphemeral', { channel, user: userId, text: notice }).catch(() => undefined);
      sending.add(sent);
      await sent.finally(() => sending.delete(sent));
    },
    async settled() {
      await Promise.allSettled([...sending]);
    },
  };
}
