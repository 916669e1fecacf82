import type { Activity } from 'botbuilder';
import { REFRESH_VERB } from '../shared/adaptive-card.js';
import { installedForPerson } from './install.js';

/**
 * The inbox id of an activity that queues a turn — a message (typed, or an Action.Submit), an Action.Execute
 * (`adaptiveCard/action`, not the card's automatic refresh), the app's install for a person (the welcome) —
 * by conversation and activity id (Teams repeats the id when it re-sends); undefined for the others.
 */
export function teamsDeliveryId(activity: Partial<Activity>): string | undefined {
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  const queues =
    activity.type === 'message' ||
    (activity.type === 'invoke' && activity.name === 'adaptiveCard/action' && verb !== REFRESH_VERB) ||
    installedForPerson(activity);
  return queues && activity.id ? `teams:${activity.conversation?.id}:${activity.id}` : undefined;
}
