import { withoutMention } from '../../adapters/slack/mention.js';

describe('a Slack channel mention', () => {
  it('drops the bot’s @mention wherever it is, and keeps other people’s', () => {
    expect(withoutMention('<@UBOT> customers', 'UBOT').trim()).toBe('customers');
    expect(withoutMention('hey <@UBOT> invite-reseller <@UANA>', 'UBOT').trim()).toBe('hey   invite-reseller <@UANA>');
  });

  it('drops the first mention when the bot’s own id is not known', () => {
    expect(withoutMention('<@UBOT> find-provider TW', undefined).trim()).toBe('find-provider TW');
  });
});
