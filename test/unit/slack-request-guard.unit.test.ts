import { slackBodyProblem } from '../../adapters/slack/request-guard.js';

describe('Slack body shape (checked after the signature, before Bolt routes)', () => {
  it('lets objects Bolt can route through', () => {
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message' } })).toBeUndefined();
    expect(slackBodyProblem({ type: 'block_actions', actions: [] })).toBeUndefined();
  });

  it.each([null, 5, 'text', ['a']])('refuses a body that is not an object (%p)', (body) => {
    expect(slackBodyProblem(body)).toMatch(/not a JSON object/);
  });

  it.each([null, 5, 'x', [{}]])('refuses an event_callback whose event is %p', (event) => {
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event })).toMatch(/event/);
  });
});
