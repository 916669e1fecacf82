import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess } from '../support/bot-process.js';

/** The README's promise: the start command's embedded database keeps what was written across a restart. */
describe('the embedded database', () => {
  it('keeps a conversation written before a restart', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'csp-restart-')), DEMO: 'off' };
    const headers = { cookie: 'csp_persona=newuser', 'content-type': 'application/json' };
    const history = async (url: string) => {
      const body = await (await fetch(`${url}/api/playground/messages`, { headers })).json();
      return JSON.stringify(body.lines);
    };

    const first = await startBotProcess(env);
    let before: string;
    try {
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      const sent = await fetch(`${first.url}/api/playground/send`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'help', eventId: 'restart-test-1' }),
      });
      expect(sent.status).toBe(200);
      before = await history(first.url);
      expect(before).toContain('What you can do');
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startBotProcess(env);
    try {
      expect(await history(second.url)).toBe(before);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
