import { parseCommand, tokenize } from '../../src/core/command-grammar.js';

describe('the command grammar', () => {
  it('parses a slash command with a free-text tail', () => {
    expect(parseCommand('/csp invite-reseller alice@contoso.com Welcome aboard')).toEqual({
      name: 'invite-reseller',
      positional: ['alice@contoso.com', 'Welcome', 'aboard'],
      options: {},
      rest: 'alice@contoso.com Welcome aboard',
    });
  });

  it('reads --options with a value, with =, and bare flags', () => {
    const parsed = parseCommand('invite-customer ops@fabrikam.com --with-provider "Contoso Distribution" --days=365 --yes');
    expect(parsed?.positional).toEqual(['ops@fabrikam.com']);
    expect(parsed?.options).toEqual({ 'with-provider': 'Contoso Distribution', days: '365', yes: 'true' });
  });

  it('lower-cases the command name and honours curly quotes', () => {
    expect(parseCommand('HELP')?.name).toBe('help');
    expect(tokenize('find-provider “Taiwan North”')).toEqual(['find-provider', 'Taiwan North']);
  });

  it('returns undefined for empty text', () => {
    expect(parseCommand('   ')).toBeUndefined();
    expect(parseCommand('/csp')).toBeUndefined();
  });
});
