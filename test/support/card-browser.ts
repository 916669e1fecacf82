import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { adaptiveCardsBundlePath } from './adaptive-cards.js';

/**
 * Renders a card with the official Adaptive Cards renderer in a page that loads nothing from the
 * network, the way a Teams client draws it (default host config).
 */
export async function renderCard(browser: Browser, card: unknown): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 520, height: 800 } });
  const bundle = readFileSync(adaptiveCardsBundlePath, 'utf8');
  const css = readFileSync(adaptiveCardsBundlePath.replace(/adaptivecards\.js$/, 'adaptivecards.css'), 'utf8');
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${css} body{font-family:'Segoe UI','Noto Sans CJK TC',sans-serif;margin:16px}</style></head><body><div id="card"></div></body></html>`,
  );
  await page.addScriptTag({ content: bundle });
  await page.evaluate((json) => {
    const lib = (window as unknown as { AdaptiveCards: any }).AdaptiveCards;
    // Teams renders the cards' markdown; this page does the part the bot uses (**bold**).
    lib.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      result.outputHtml = `<p>${escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;
      result.didProcess = true;
    };
    const adaptive = new lib.AdaptiveCard();
    adaptive.parse(json);
    document.getElementById('card')!.appendChild(adaptive.render());
  }, card);
  return page;
}
