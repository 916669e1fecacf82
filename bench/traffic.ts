import { randomUUID } from 'node:crypto';
import type { RequestShape } from 'autocannon';
import type { FakeMessage } from '../test/support/fake-slack-api.js';
import { buttonPressPayload, SIGNING_SECRET, slackSignature, TEAM, slashCommandBody } from '../test/support/slack-workspace.js';
import { personalChat, type TeamsClient, type TeamsUser } from '../test/support/teams-client.js';

/** Users the load comes from: Slack users with a message whose button they press, Teams users. */
export interface Population {
  slack: Array<{ userId: string; message: FakeMessage; label: string }>;
  teams: TeamsUser[];
}

export type RequestKind = 'slash-status' | 'slash-help' | 'press' | 'teams';
export const MIX: RequestKind[] = ['slash-status', 'slash-help', 'press', 'teams'];

/** A Slack request as Slack sends it: signed over the raw body with the current timestamp. */
function signedSlack(body: string): RequestShape {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    path: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
    },
    body,
  };
}

/**
 * The next request of the benchmark's mix (slash commands, button presses, Teams messages, in turn)
 * from the next user; every request is new to the bot (fresh trigger id, action_ts, activity id),
 * so none is dropped as a retry.
 */
export function mixedTraffic(population: Population, teams: TeamsClient): () => RequestShape {
  let n = 0;
  return () => {
    const kind = MIX[n % MIX.length];
    const i = Math.floor(n++ / MIX.length);
    if (kind === 'teams') {
      const user = population.teams[i % population.teams.length];
      const activity = teams.activity(user, personalChat(user), { id: randomUUID(), type: 'message', text: i % 2 ? 'help' : 'status' });
      return { method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
    }
    const user = population.slack[i % population.slack.length];
    if (kind === 'press') {
      const payload = buttonPressPayload(TEAM, user.userId, user.message, user.label, `${Date.now() / 1000}${n}`);
      return signedSlack(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    }
    return signedSlack(slashCommandBody(TEAM, user.userId, kind === 'slash-status' ? 'status' : 'help'));
  };
}
