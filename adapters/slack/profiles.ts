import { toLocale, type Actor, type Logger } from '../../src/public.js';
import { callSlack, type WebClient } from './web-api.js';

interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  locale?: string;
  profile?: { email?: string; display_name?: string; real_name?: string };
}

/** Profiles change rarely; a short cache keeps one users.info call per user per few minutes. */
const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 5_000;

/**
 * Builds the core's Actor from `users.info` (with `include_locale`): name, email, locale, time zone.
 * @example const actor = await profiles.actor(client, 'T01', 'U01');
 */
export interface Profiles {
  actor(client: WebClient, teamId: string, userId: string): Promise<Actor>;
}

export function createProfiles(logger: Logger, now: () => number = Date.now): Profiles {
  const cache = new Map<string, { actor: Promise<Actor>; until: number }>();

  async function lookup(client: WebClient, teamId: string, userId: string, stale: Promise<Actor> | undefined): Promise<Actor> {
    try {
      const { user } = await callSlack<{ user?: SlackUser }>(client, logger, 'users.info', { user: userId, include_locale: true });
      return {
        platform: 'slack',
        workspaceId: teamId,
        userId,
        displayName: user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name || userId,
        locale: toLocale(user?.locale),
        ...(user?.profile?.email ? { email: user.profile.email } : {}),
        ...(user?.tz ? { timeZone: user.tz } : {}),
      };
    } catch (error) {
      // The last known profile beats an anonymous one: the core would otherwise forget the person's email.
      // It stays cached as already expired, so the next event asks Slack again.
      if (stale) {
        cache.set(`${teamId}:${userId}`, { actor: stale, until: 0 });
        return stale;
      }
      cache.delete(`${teamId}:${userId}`);
      logger.warn({ err: error, userId }, 'Slack profile unavailable; serving the user in English');
      return { platform: 'slack', workspaceId: teamId, userId, displayName: userId, locale: 'en' };
    }
  }

  return {
    actor(client, teamId, userId) {
      const key = `${teamId}:${userId}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.actor;
      // Concurrent events of one user share one users.info call.
      const actor = lookup(client, teamId, userId, hit?.actor);
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, { actor, until: now() + TTL_MS });
      return actor;
    },
  };
}
