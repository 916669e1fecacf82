import { TeamsInfo, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Actor, Logger } from '../../src/public.js';
import type { ReferenceStore } from './references.js';

/**
 * Activities name the user but not their email, which the core needs (memberships created for an
 * email, notifications by email): the Teams roster says it (GET /v3/conversations/{id}/members/{user}).
 * Asked once a day per user, remembered with the user's conversation references.
 */
const RECHECK_MS = 24 * 60 * 60 * 1000;

export interface Roster {
  /** The actor with the email the roster gives, after remembering where the user was seen. */
  identify(
    actor: Actor,
    seen: { teamsUserId: string; tenantId: string; reference: Partial<ConversationReference>; personal: boolean },
    key: string,
  ): Promise<Actor>;
}

export function createRoster(deps: {
  references: ReferenceStore;
  continueWith(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
  now(): Date;
  logger: Logger;
}): Roster {
  /** The roster's email for the user; undefined when it has none; null when the roster could not be asked. */
  async function lookup(reference: Partial<ConversationReference>, teamsUserId: string): Promise<string | undefined | null> {
    let email: string | undefined;
    try {
      await deps.continueWith({ ...reference, activityId: undefined }, async (ctx) => {
        const member = await TeamsInfo.getMember(ctx, teamsUserId);
        email = member.email || (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(member.userPrincipalName ?? '') ? member.userPrincipalName : undefined);
      });
    } catch (error) {
      deps.logger.info({ err: error }, 'the Teams roster could not be asked for the user’s email');
      return null;
    }
    return email?.toLowerCase();
  }

  return {
    async identify(actor, seen, key) {
      const known = await deps.references.get(key);
      await deps.references.remember(key, seen, deps.now());
      let email = known?.email;
      const checkedAt = known?.emailCheckedAt?.getTime() ?? 0;
      if (deps.now().getTime() - checkedAt > RECHECK_MS) {
        const found = await lookup(seen.reference, seen.teamsUserId);
        // A failed lookup keeps what was known; it is asked again tomorrow, not on every message.
        if (found !== null) email = found;
        await deps.references.setEmail(key, email, deps.now());
      }
      return email ? { ...actor, email } : actor;
    },
  };
}
