import { inlineSpans, mapMarkup } from '../../src/core/markup.js';

describe('inline markup', () => {
  it('finds bold spans between words', () => {
    expect(inlineSpans('Invite *Fabrikam Ltd.* now')).toEqual([
      { text: 'Invite ', bold: false },
      { text: 'Fabrikam Ltd.', bold: true },
      { text: ' now', bold: false },
    ]);
  });

  it('finds bold spans glued to Chinese text and full-width punctuation', () => {
    expect(mapMarkup('可以*代表您的客戶提交訂單*；', (bold) => `<b>${bold}</b>`)).toBe('可以<b>代表您的客戶提交訂單</b>；');
    expect(mapMarkup('*Fabrikam (demo)*（Grace Wu）邀請', (bold) => `<b>${bold}</b>`)).toBe('<b>Fabrikam (demo)</b>（Grace Wu）邀請');
  });

  it('leaves wildcards, arithmetic and unmatched asterisks alone', () => {
    for (const text of ['the *.onmicrosoft.com domain.', '2*3*4', 'a * b * c', 'one *unclosed', 'x*y* z']) {
      expect(inlineSpans(text).every((span) => !span.bold)).toBe(true);
    }
  });

  it('never crosses a line break and escapes plain text through the callback', () => {
    expect(mapMarkup('*a\nb*', (bold) => `[${bold}]`)).toBe('*a\nb*');
    expect(
      mapMarkup(
        '*x<y* & z',
        (bold) => `[${bold}]`,
        (t) => t.replace(/</g, '&lt;'),
      ),
    ).toBe('[x&lt;y] & z');
  });
});
