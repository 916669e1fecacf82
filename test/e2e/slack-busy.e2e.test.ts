import { createFormStore } from '../../adapters/slack/forms-store.js';
import { OPEN_FORM_ACTION } from '../../adapters/slack/render.js';
import { testDatabaseUri } from '../support/database.js';
import { readableSlack, startSlackTestBot, type SlackTestBot } from '../support/slack-workspace.js';

/**
 * A bot with room for one running and one waiting turn, whose first turn is held open by a slow
 * Slack Web API (a 429 with Retry-After): the next event waits and is answered, the ones after it
 * are turned away at once with "busy, try again", in the user's language, and nothing of them runs.
 */
describe('Slack when the turn queue is full', () => {
  let t: SlackTestBot;
  let inboxInserts = 0;
  beforeAll(async () => {
    // The bot's database commands are watched: a request turned away costs the inbox no write.
    t = await startSlackTestBot({
      TURN_CONCURRENCY: '1',
      TURN_QUEUE_SIZE: '1',
      MONGODB_URI: `${testDatabaseUri('slack')}&monitorCommands=true`,
    });
    t.bot.database.connection.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'insert' && event.command.insert === 'inbox') inboxInserts++;
    });
    t.fake.addUser({ id: 'UMEI', teamId: 'T1', name: 'Mei', locale: 'en-US' });
    t.fake.addUser({ id: 'UNOA', teamId: 'T1', name: 'Noa', locale: 'en-US' });
    t.fake.addUser({ id: 'ULIN', teamId: 'T1', name: 'Lin', locale: 'zh-TW' });
    t.fake.addUser({ id: 'UKAI', teamId: 'T1', name: 'Kai', locale: 'en-US' });
    t.fake.addUser({ id: 'UOLA', teamId: 'T1', name: 'Ola', locale: 'en-US' });
    t.fake.addUser({ id: 'UPIA', teamId: 'T1', name: 'Pia', locale: 'en-US' });
  });
  afterAll(async () => {
    await t.stop();
  });

  /** A message in Kai's DM with one button, as Slack posted it. */
  const cardForKai = (ts: string, text: string, button: { actionId: string; label: string; value: string }) => ({
    channel: 'DUKAI',
    ts,
    text,
    blocks: [
      {
        type: 'actions',
        block_id: 'b0',
        elements: [{ type: 'button', action_id: button.actionId, text: { type: 'plain_text', text: button.label }, value: button.value }],
      },
    ],
  });
  const dmsTo = (channel: string, since: number) =>
    t.fake.calls.slice(since).filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel);

  it('answers the first two users and tells the third and fourth at once that the bot is busy', async () => {
    // Lin has used the bot before, so the process knows her language.
    const before = t.fake.calls.length;
    await t.slack.command('ULIN', 'help');
    await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DULIN', { since: before });

    const since = t.fake.calls.length;
    const insertsBefore = inboxInserts;
    t.fake.failNext('conversations.open', { status: 429, retryAfter: 3 });
    expect((await t.slack.command('UMEI', 'help')).status).toBe(200);
    expect((await t.slack.command('UNOA', 'help')).status).toBe(200);
    const [lin, kai] = await Promise.all([t.slack.command('ULIN', 'help'), t.slack.dm('UKAI', 'help')]);
    // Mei's and Noa's requests were recorded before their acknowledgement; Lin's and Kai's, turned away, were not.
    expect(inboxInserts - insertsBefore).toBe(2);

    // The slash command's acknowledgement itself carries the notice, shown to Lin only, in Chinese.
    expect(lin.status).toBe(200);
    const linAnswer = await lin.json();
    expect(linAnswer.response_type).toBe('ephemeral');
    expect(linAnswer.text).toContain('請稍候片刻再試一次');
    expect(linAnswer.text).not.toMatch(/try again/);
    // A DM's acknowledgement carries nothing: Kai (not seen before: both languages) gets an ephemeral notice.
    expect(kai.status).toBe(200);
    const notice = await t.fake.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'UKAI', { since });
    expect(notice.args.channel).toBe('DUKAI');
    expect(notice.args.text).toMatch(/try again in a moment/);
    expect(notice.args.text).toContain('請稍候片刻再試一次');

    expect(readableSlack((await t.slack.waitForDm('UMEI', /What you can do/)).blocks)).toContain('What you can do');
    expect(readableSlack((await t.slack.waitForDm('UNOA', /What you can do/)).blocks)).toContain('What you can do');
    // Nothing of the refused events ran: no answers, no profile lookups for Kai.
    expect(dmsTo('DULIN', since)).toEqual([]);
    expect(dmsTo('DUKAI', since)).toEqual([]);
    expect(t.fake.calls.slice(since).some((call) => call.method === 'users.info' && call.args.user === 'UKAI')).toBe(false);

    // Once the queue has room again the same users are served.
    const after = t.fake.calls.length;
    await t.slack.command('ULIN', 'help');
    const answered = await t.fake.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'DULIN', { since: after });
    expect(readableSlack(answered.args.blocks)).toContain('您可以執行的操作');
  });

  it('keeps a submitted modal open with the notice, and tells a button press ephemerally', async () => {
    const since = t.fake.calls.length;
    t.fake.failNext('conversations.open', { status: 429, retryAfter: 3 });
    await t.slack.command('UOLA', 'help');
    await t.slack.command('UPIA', 'help');
    const modal = {
      method: 'views.open',
      at: Date.now(),
      args: {
        view: {
          type: 'modal',
          callback_id: 'csp_form',
          private_metadata: JSON.stringify({ f: 'enrollment.address' }),
          blocks: [
            {
              type: 'input',
              block_id: 'postalCode',
              label: { type: 'plain_text', text: 'Postal code' },
              element: { type: 'plain_text_input', action_id: 'value' },
            },
          ],
        },
      },
    };
    const card = cardForKai('1700000000.000001', 'Ready?', { actionId: 'nobody.handles', label: 'Go', value: '1' });
    const [submitted, pressed] = await Promise.all([
      t.slack.submit('ULIN', modal, { postalCode: '98052' }),
      t.slack.press('UKAI', card, 'Go'),
    ]);

    // The modal stays open, the notice under its first field (Lin reads Chinese); her input is kept.
    expect(await submitted.json()).toEqual({
      response_action: 'errors',
      errors: { postalCode: expect.stringContaining('請稍候片刻再試一次') },
    });
    expect(pressed.status).toBe(200);
    const notice = await t.fake.waitFor((call) => call.method === 'chat.postEphemeral' && call.args.user === 'UKAI', { since });
    expect(notice.args.channel).toBe('DUKAI');
    expect(notice.args.text).toMatch(/try again in a moment/);
    await t.slack.waitForDm('UOLA', /What you can do/);
    await t.slack.waitForDm('UPIA', /What you can do/);
  });

  it('opens a form at once even while the queue is full (Slack’s trigger_id expires 3 s after the press)', async () => {
    const forms = createFormStore(t.bot.database.connection);
    const key = forms.newKey();
    const form = {
      type: 'form' as const,
      formId: 'enrollment.address',
      title: 'Company address',
      submitLabel: 'Save',
      fields: [{ id: 'postalCode', label: 'Postal code', kind: 'text' as const }],
    };
    await forms.save([{ key, form }]);
    const card = cardForKai('1700000000.000002', 'Your address', { actionId: OPEN_FORM_ACTION, label: '📝 Fill in', value: key });
    // Two people new to this process: the first one's DM lookup is held 3 s by Slack, the second waits.
    t.fake.addUser({ id: 'UQIN', teamId: 'T1', name: 'Qin', locale: 'en-US' });
    t.fake.addUser({ id: 'URAE', teamId: 'T1', name: 'Rae', locale: 'en-US' });
    const since = t.fake.calls.length;
    t.fake.failNext('conversations.open', { status: 429, retryAfter: 3 });
    await t.slack.command('UQIN', 'help');
    await t.slack.command('URAE', 'help');
    expect((await t.slack.press('UKAI', card, '📝 Fill in')).status).toBe(200);

    const opened = await t.fake.waitFor((call) => call.method === 'views.open', { since });
    expect(opened.args.view.title.text).toBe('Company address');
    // Opened while Qin's turn still waited for Slack (before her answer), and with no busy notice for Kai.
    await t.slack.waitForDm('UQIN', /What you can do/);
    const qinAnswered = t.fake.calls.findIndex(
      (call, index) => index >= since && call.method === 'chat.postMessage' && call.args.channel === 'DUQIN',
    );
    expect(qinAnswered).toBeGreaterThan(t.fake.calls.indexOf(opened));
    expect(t.fake.calls.slice(since).some((call) => call.method === 'chat.postEphemeral' && call.args.user === 'UKAI')).toBe(false);
    await t.slack.waitForDm('URAE', /What you can do/);
  });

  it('counts running, waiting and refused turns at /metrics.json', async () => {
    const metrics = await (await fetch(`${t.bot.url}/metrics.json`)).json();
    expect(metrics.turns).toMatchObject({ concurrency: 1, capacity: 1 });
    expect(metrics.turns.refused).toBeGreaterThanOrEqual(2);
  });
});
