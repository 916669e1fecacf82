import { parseCountry } from '../../src/shared/country.js';
import { looksLikeSecret } from '../../src/enrollment/secrets.js';
import { validateField } from '../../src/enrollment/validation.js';

describe('enrollment field rules', () => {
  it.each([
    ['tenant', 'Contoso.OnMicrosoft.com', 'contoso.onmicrosoft.com'],
    ['tenant', '72F988BF-86F1-41AF-91AB-2D7CD011DB47', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
    ['legalName', '  Contoso Ltd.  ', 'Contoso Ltd.'],
    ['country', 'taiwan', 'TW'],
    ['partnerId', '123 4567', '1234567'],
    ['contactEmail', 'Mei@Contoso.com.tw', 'mei@contoso.com.tw'],
    ['supportWebsite', 'contoso.com', 'https://contoso.com'],
  ] as const)('normalizes a right %s (%s)', (field, input, expected) => {
    expect(validateField(field, input, {})).toEqual({ ok: true, value: expected });
  });

  it('applies per-country rules for region, postal code and phone', () => {
    expect(validateField('postalCode', '98052-6399', { country: 'US' })).toMatchObject({ ok: true });
    expect(validateField('postalCode', '11049', { country: 'TW' })).toMatchObject({ ok: true });
    expect(validateField('postalCode', '1104', { country: 'TW' })).toEqual({ ok: false, error: 'postalCode.country' });
    expect(validateField('postalCode', '', { country: 'HK' })).toEqual({ ok: true, value: '' });
    expect(validateField('region', '', { country: 'TW' })).toEqual({ ok: true, value: '' });
    expect(validateField('region', '', { country: 'US' })).toEqual({ ok: false, error: 'region.us' });
    expect(validateField('contactPhone', '02 2345 6789', { country: 'TW' })).toEqual({ ok: true, value: '0223456789' });
    expect(validateField('contactPhone', '+1 425 555 0100', { country: 'TW' })).toEqual({ ok: false, error: 'phone.tw' });
    expect(validateField('partnerCountry', 'US', { country: 'TW' })).toEqual({ ok: false, error: 'partnerCountry.mismatch' });
  });

  it('knows countries by code, English and Chinese name', () => {
    expect(['us', 'United States', '美國', '台灣', 'GB'].map(parseCountry)).toEqual(['US', 'US', 'US', 'TW', 'GB']);
    expect(['XX', 'EU', 'Atlantis'].map(parseCountry)).toEqual([undefined, undefined, undefined]);
  });

  it('spots passwords, MFA codes and secrets but not ordinary answers', () => {
    for (const secret of ['P@ssw0rd!', 'password: hunter2', '我的密碼是 abc123', '123456', 'Xyz8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ012345']) {
      expect({ secret, flagged: looksLikeSecret(secret, 'tenant') }).toEqual({ secret, flagged: true });
    }
    const answers: Array<[string, Parameters<typeof looksLikeSecret>[1]]> = [
      ['1234567', 'partnerId'],
      ['+886223456789', 'contactPhone'],
      ['contoso365.com/help', 'supportWebsite'],
      ['mei.lin@contoso.com', 'contactEmail'],
      ['72f988bf-86f1-41af-91ab-2d7cd011db47', 'tenant'],
      ['Contoso-2024 Ltd.', 'legalName'],
      ['1 Microsoft Way', 'addressLine1'],
    ];
    for (const [answer, field] of answers) expect({ answer, flagged: looksLikeSecret(answer, field) }).toEqual({ answer, flagged: false });
  });
});
