import { commandNamed } from '../i18n/command-aliases.js';
/**
 * The command grammar shared by every platform: `/csp invite-reseller a@b.com Hi there`
 * (Slack) and the same words typed as a message (Teams, playground).
 */
export interface ParsedCommand {
  name: string;
  /** Positional words, in order, quotes removed. */
  positional: string[];
  /** `--with-provider Fabrikam` → { 'with-provider': 'Fabrikam' }; a bare `--yes` → 'true'. */
  options: Record<string, string>;
  /** Everything after the command name, untouched (for free-text tails such as a message). */
  rest: string;
}

const TOKEN = /"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)/g;

/** Splits text into words, honouring "double", 'single' and “curly” quotes. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(TOKEN)) words.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  return words;
}

/** Parses `name args...`; a leading `/csp` or `/` is ignored. Returns undefined for empty text. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text
    .trim()
    .replace(/^\/csp\b\s*/i, '')
    .replace(/^\//, '');
  const nameMatch = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!nameMatch) return undefined;
  const rest = nameMatch[2];
  return { name: commandNamed(nameMatch[1]), rest, ...parseArguments(rest) };
}

export function parseArguments(text: string): Pick<ParsedCommand, 'positional' | 'options'> {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const option = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(words[i]);
    if (!option) {
      positional.push(words[i]);
    } else if (option[2] !== undefined) {
      options[option[1].toLowerCase()] = option[2];
    } else if (i + 1 < words.length && !words[i + 1].startsWith('--')) {
      options[option[1].toLowerCase()] = words[++i];
    } else {
      options[option[1].toLowerCase()] = 'true';
    }
  }
  return { positional, options };
}

/**
 * Whether the words after a command fit its usage line (used while a dialog waits for an answer, so that
 * an answer such as the legal name `Customers First Ltd` is not taken for the `customers` command):
 * a usage without arguments (`customers [--provider <provider>]`) takes no words besides its options;
 * otherwise every required argument must be there, and a required fixed word (`provider add|edit`) must
 * be one of the words listed.
 * @example fitsUsage('provider add|edit [--name "…"]', parseCommand('provider add --name X')!) // true
 */
export function fitsUsage(usage: string, command: ParsedCommand): boolean {
  const slots = (usage.match(/\[[^\]]*\]|<[^>]*>|\S+/g) ?? []).slice(1).filter((slot) => !/^\[?--/.test(slot));
  const words = command.positional;
  if (!slots.length) return words.length === 0;
  const required = slots.filter((slot) => !slot.startsWith('['));
  if (words.length < required.length) return false;
  return required.every((slot, i) => slot.startsWith('<') || slot.split('|').includes(words[i].toLowerCase()));
}
