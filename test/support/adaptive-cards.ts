import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
/** The official renderer's browser bundle (the same file the Chromium check loads). */
export const adaptiveCardsBundlePath = require.resolve('adaptivecards/dist/adaptivecards.js');

interface AdaptiveCardsLib {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ phase: number; event: number; message: string }> };
    getAllInputs(): Array<{ id?: string }>;
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): { event: number; message: string } };
  ValidationEvent: Record<number, string>;
}

let lib: AdaptiveCardsLib | undefined;

/** Loads the official `adaptivecards` library into a jsdom window (it needs a DOM even to parse). */
function load(): AdaptiveCardsLib {
  if (lib) return lib;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only' });
  dom.window.eval(readFileSync(adaptiveCardsBundlePath, 'utf8'));
  lib = (dom.window as unknown as { AdaptiveCards: AdaptiveCardsLib }).AdaptiveCards;
  return lib;
}

/**
 * Parses a card with the official library and returns every problem it reports (unknown element
 * or action types, duplicate ids, missing labels ...) plus inputs without an id. Empty = valid.
 */
export function adaptiveCardProblems(json: unknown): string[] {
  const { AdaptiveCard, SerializationContext, ValidationEvent } = load();
  const card = new AdaptiveCard();
  const context = new SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse ${ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate ${ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const input of card.getAllInputs()) if (!input.id) problems.push('an input has no id');
  return problems;
}
