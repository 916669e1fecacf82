import { parseCommand } from '../../src/core/command-grammar.js';
import { ZH_TW_COMMANDS } from '../../src/i18n/command-aliases.js';
import { createHarness, persona, readable, type Harness } from '../support/core-harness.js';

/** Issue 18: zh-TW users may type the commands in Chinese; help lists the Chinese names. */
describe('commands in Traditional Chinese', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ label: 'aliases' });
  });
  afterAll(async () => h.close());
  const mei = persona('alias-mei', { locale: 'zh-TW' });
  const say = (who: typeof mei, text: string) => h.send(who, { kind: 'message', text });

  it('reads a Chinese command name as the English one, arguments unchanged', () => {
    expect(parseCommand('/csp 邀請新客戶 admin@wingtip.com.tw --days 30')).toMatchObject({
      name: 'invite-customer',
      positional: ['admin@wingtip.com.tw'],
      options: { days: '30' },
    });
    expect(new Set(Object.values(ZH_TW_COMMANDS)).size).toBe(Object.keys(ZH_TW_COMMANDS).length);
  });

  it('lists every command with its Chinese name for a zh-TW user, and answers the Chinese name', async () => {
    const help = readable(await say(mei, '說明'));
    expect(help).toContain('您可以執行的操作');
    const lines = help.split('\n').filter((line) => line.startsWith('• '));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/^• [a-z-]+（[^）]+）/);
    expect(readable(await say(mei, '狀態'))).toEqual(readable(await say(mei, 'status')));
    expect(readable(await say(persona('alias-ann'), 'help'))).not.toContain('（');
  });
});
