import { catalogs } from '../../app/features.js';
import { ERROR_CODES, messageKeyOf } from '../../src/core/errors.js';

describe('error codes', () => {
  it.each(ERROR_CODES)('%s has a message in English and Traditional Chinese', (code) => {
    expect(catalogs.en[messageKeyOf(code)]).toEqual(expect.any(String));
    expect(catalogs['zh-TW'][messageKeyOf(code)]).toEqual(expect.any(String));
  });
});
