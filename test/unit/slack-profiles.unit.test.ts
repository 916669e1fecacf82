import pino from 'pino';
import { createProfiles } from '../../adapters/slack/profiles.js';
import type { WebClient } from '../../adapters/slack/web-api.js';

/** A WebClient stand-in answering users.info from a script (the Web API itself is exercised in the e2e tests). */
function client(answers: Array<Record<string, unknown> | Error>) {
  const calls: Array<Record<string, unknown>> = [];
  const stub = {
    async apiCall(method: string, args: Record<string, unknown>) {
      calls.push({ method, ...args });
      const next = answers.shift();
      if (!next || next instanceof Error) throw next ?? new Error('no answer');
      return next;
    },
  };
  return { calls, client: stub as unknown as WebClient };
}

const mei = {
  ok: true,
  user: {
    id: 'U1',
    name: 'mei',
    real_name: 'Mei Lin',
    tz: 'Asia/Taipei',
    locale: 'zh-TW',
    profile: { email: 'mei@contoso.com', display_name: 'Mei' },
  },
};

describe('Slack profiles', () => {
  it('builds the actor from users.info with the locale, email and time zone', async () => {
    const { client: c, calls } = client([mei]);
    expect(await createProfiles(pino({ level: 'silent' })).actor(c, 'T1', 'U1')).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      userId: 'U1',
      displayName: 'Mei',
      locale: 'zh-TW',
      email: 'mei@contoso.com',
      timeZone: 'Asia/Taipei',
    });
    expect(calls).toEqual([{ method: 'users.info', user: 'U1', include_locale: true }]);
  });

  it('asks once for concurrent events and caches for a few minutes', async () => {
    let now = 0;
    const { client: c, calls } = client([mei, mei]);
    const profiles = createProfiles(pino({ level: 'silent' }), () => now);
    await Promise.all([profiles.actor(c, 'T1', 'U1'), profiles.actor(c, 'T1', 'U1')]);
    now = 60_000;
    await profiles.actor(c, 'T1', 'U1');
    expect(calls).toHaveLength(1);
    now = 10 * 60_000;
    await profiles.actor(c, 'T1', 'U1');
    expect(calls).toHaveLength(2);
  });

  it('keeps the last known profile when Slack fails, and serves an unknown user in English', async () => {
    let now = 0;
    const { client: c } = client([mei, new Error('boom'), new Error('boom again')]);
    const profiles = createProfiles(pino({ level: 'silent' }), () => now);
    await profiles.actor(c, 'T1', 'U1');
    now = 10 * 60_000;
    expect((await profiles.actor(c, 'T1', 'U1')).email).toBe('mei@contoso.com');
    now = 20 * 60_000;
    expect((await profiles.actor(c, 'T1', 'U1')).locale).toBe('zh-TW');
    const { client: failing } = client([new Error('down')]);
    expect(await profiles.actor(failing, 'T1', 'U2')).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      userId: 'U2',
      displayName: 'U2',
      locale: 'en',
    });
  });
});
