import { readFileSync } from 'node:fs';
import { catalogs } from '../../app/features.js';
import { PARTNER_CENTER } from '../../src/shared/partner-center-links.js';

const seedLinks = [
  ...readFileSync(new URL('../../../shared/seed/seed-english.md', import.meta.url), 'utf8').matchAll(/\]\(\s*(https:[^)\s]+)\)/g),
].map((m) => m[1]!);
const links = Object.values(PARTNER_CENTER) as string[];

describe('Partner Center, honestly', () => {
  it('holds the seed’s own links', () => {
    expect(seedLinks.length).toBeGreaterThan(0);
    expect(links).toEqual(expect.arrayContaining(seedLinks.filter((link) => link !== 'https://partner.microsoft.com')));
  });

  it('every Microsoft link the bot says comes from that one place', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const said = Object.values(catalogs[locale]).flatMap((text) => text.match(/https?:\/\/[\w.-]*microsoft\.com[^\s)）。，]*/g) ?? []);
      expect(said.length).toBeGreaterThan(0);
      expect(said.filter((link) => !links.includes(link))).toEqual([]);
    }
  });

  it.each([
    'application.notice.accepted',
    'application.status.accepted',
    'partnership.authorized',
    'partnership.notify.authorized',
    'customer.approved',
    'customer.approvedTwoTier',
    'customer.notify.approved',
    'enrollment.welcome.about',
  ])('%s says what the bot recorded and what Partner Center does', (key) => {
    expect(catalogs.en[key]).toMatch(/this bot|I am a helper/i);
    expect(catalogs.en[key]).toContain('Partner Center');
    expect(catalogs['zh-TW'][key]).toMatch(/此機器人|機器人/);
    expect(catalogs['zh-TW'][key]).toContain('合作夥伴中心');
  });

  it('makes none of the promises no command keeps', () => {
    for (const text of Object.values(catalogs.en)) {
      expect(text).not.toMatch(
        /You can remove this access later|you can end it earlier|Reply here with the information/,
      );
    }
  });
});
