import { renderMail } from '../../src/shared/mail-layout.js';

describe('the layout of notification and reminder emails', () => {
  const mail = renderMail({
    subject: '康特索 <Contoso> is waiting',
    paragraphs: ['Line one & two\nsecond line', '請在這裡回覆'],
    link: { label: 'Open "it"', url: 'https://bot.example.com/invitations/abc?x=1&y=2' },
    tag: 'reminder.test',
  });

  it('writes the link out in the text part, after the paragraphs', () => {
    expect(mail.text).toBe('Line one & two\nsecond line\n\n請在這裡回覆\n\nOpen "it": https://bot.example.com/invitations/abc?x=1&y=2');
  });

  it('escapes the HTML part and keeps the link clickable and readable', () => {
    expect(mail.html).toContain('<p>Line one &amp; two<br>second line</p>');
    expect(mail.html).toContain('<a href="https://bot.example.com/invitations/abc?x=1&amp;y=2">Open &quot;it&quot;</a>');
    expect(mail.html).not.toContain('<Contoso>');
    expect(mail).toMatchObject({ subject: '康特索 <Contoso> is waiting', tag: 'reminder.test' });
  });
});
