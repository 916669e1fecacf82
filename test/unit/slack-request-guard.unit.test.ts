import { slackBodyProblem } from '../../adapters/slack/request-guard.js';

describe('Slack body shape (checked after the signature, before Bolt routes)', () => {
  it('lets objects Bolt can route through', () => {
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message' } })).toBeUndefined();
    expect(slackBodyProblem({ type: 'block_actions', user: { id: 'U1' }, actions: [] })).toBeUndefined();
  });

  it.each([null, 5, 'text', ['a']])('refuses a body that is not an object (%p)', (body) => {
    expect(slackBodyProblem(body)).toMatch(/not a JSON object/);
  });

  it.each([null, 5, 'x', [{}]])('refuses an event_callback whose event is %p', (event) => {
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event })).toMatch(/event/);
  });

  it.each([undefined, null, { id: 5 }, 'U1'])('refuses a button press or modal submission whose user is %p', (user) => {
    expect(slackBodyProblem({ type: 'block_actions', user, actions: [] })).toMatch(/user/);
    expect(slackBodyProblem({ type: 'view_submission', user, view: {} })).toMatch(/user/);
  });

  it('refuses any body whose event is not an object', () => {
    expect(slackBodyProblem({ type: 'x', event: 5 })).toMatch(/event/);
  });

  it.each([
    ['a team id that is not a Slack id', { type: 'block_actions', user: { id: 'U1' }, team: { id: 'constructor' } }, /team\.id/],
    ['a user id that is not a Slack id', { type: 'block_actions', user: { id: 'u 1' } }, /user\.id/],
    ['a slash command whose team_id is not a Slack id', { command: '/csp', team_id: '__proto__' }, /team_id/],
    ['a channel that is not an object', { type: 'block_actions', user: { id: 'U1' }, channel: null }, /channel/],
  ])('refuses %s (Bolt would index or dereference it unchecked)', (_label, body, problem) => {
    expect(slackBodyProblem(body)).toMatch(problem);
  });

  it('refuses options requests, which no listener serves (Bolt answered them 500)', () => {
    for (const body of [{ name: {} }, { name: 'x', k: {} }, { type: 'block_suggestion' }]) {
      expect(slackBodyProblem(body)).toMatch(/options requests are not served/);
    }
    // A slash command or an event that has a `name` field is not an options request.
    expect(slackBodyProblem({ command: '/csp', name: 'x', team_id: 'T1' })).toBeUndefined();
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message' }, name: 'x' })).toBeUndefined();
  });

  it('lets an org-wide install through (team is null)', () => {
    expect(slackBodyProblem({ type: 'block_actions', user: { id: 'U1', team_id: 'T1' }, team: null, enterprise_id: 'E1' })).toBeUndefined();
  });
});
