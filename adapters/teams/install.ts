import type { Activity } from 'botbuilder';
import { isShared, tenantOf } from './activity-input.js';

/**
 * Whether an activity says the app was just installed for one person: a `conversationUpdate` of a personal
 * chat with the bot among the members added, or an `installationUpdate` with action `add` there. Teams sends
 * both for one install, and again on a reinstall: `welcomeKey` lets the bot welcome each person once.
 */
export function installedForPerson(activity: Partial<Activity>): boolean {
  if (isShared(activity)) return false;
  if (activity.type === 'installationUpdate') return activity.action === 'add';
  const bot = activity.recipient?.id;
  const added: unknown = activity.membersAdded;
  return activity.type === 'conversationUpdate' && !!bot && Array.isArray(added) && added.some((member) => member?.id === bot);
}

/** The claim of one person's welcome: tenant, their Entra object id (their Teams id without one) and the bot. */
export function welcomeKey(activity: Partial<Activity>): string {
  const person = activity.from?.aadObjectId || activity.from?.id;
  return `teams-welcome:${tenantOf(activity)}:${person}:${activity.recipient?.id}`;
}
