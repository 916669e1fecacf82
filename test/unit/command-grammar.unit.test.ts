import { fitsUsage, parseCommand, tokenize } from '../../src/core/command-grammar.js';

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

  it('tells a command typed during a dialog from an answer that starts with a command word', () => {
    const fits = (usage: string, typed: string) => fitsUsage(usage, parseCommand(typed)!);
    expect(fits('customers [--provider <provider>]', 'customers')).toBe(true);
    expect(fits('customers [--provider <provider>]', 'customers --provider Fabrikam')).toBe(true);
    expect(fits('customers [--provider <provider>]', 'Customers First Ltd')).toBe(false);
    expect(fits('status', 'Status Solutions')).toBe(false);
    expect(fits('invite-reseller <email> [message]', 'invite-reseller a@b.com Welcome aboard')).toBe(true);
    expect(fits('invite-reseller <email> [message]', 'invite-reseller')).toBe(false);
    expect(fits('provider add|edit [--name "…"]', 'provider add --name X')).toBe(true);
    expect(fits('provider add|edit [--name "…"]', 'Provider Solutions Inc')).toBe(false);
    expect(fits('find-provider [country|all]', 'find-provider TW')).toBe(true);
    expect(fits('appeal <why the decision should change>', 'appeal we fixed the address')).toBe(true);
  });
});
