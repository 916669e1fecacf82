import type { Actor, Locale } from '../core/events.js';

/**
 * The playground's people: each is a web actor `web:web:<id>` with its own conversation. The demo
 * seed gives them organizations; without the seed they are just five empty identities.
 *
 * @example personaActor(PERSONAS[0], 'zh-TW') // → { platform: 'web', workspaceId: 'web', userId: 'newuser', ... }
 */
export interface Persona {
  id: PersonaId;
  displayName: string;
  email: string;
  /** What this persona is for, shown in the switcher. */
  role: Record<Locale, string>;
}

export type PersonaId = 'newuser' | 'reseller' | 'provider' | 'customer' | 'operator';

export const PERSONAS: readonly Persona[] = [
  {
    id: 'newuser',
    displayName: 'Mei Lin',
    email: 'mei.lin@adatum.example',
    role: { en: 'New user (enrolls as a reseller)', 'zh-TW': '新使用者（註冊成為經銷商）' },
  },
  {
    id: 'reseller',
    displayName: 'Daniel Chen',
    email: 'daniel.chen@contoso.example',
    role: { en: 'Indirect reseller admin (Contoso)', 'zh-TW': '間接經銷商管理員（Contoso）' },
  },
  {
    id: 'provider',
    displayName: 'Grace Wu',
    email: 'grace.wu@fabrikam.example',
    role: { en: 'Indirect provider admin (Fabrikam Taiwan)', 'zh-TW': '間接提供者管理員（Fabrikam 台灣）' },
  },
  {
    id: 'customer',
    displayName: 'Kevin Huang',
    email: 'it@wingtiptoys.example',
    role: { en: 'Customer admin (Wingtip Toys)', 'zh-TW': '客戶全域管理員（Wingtip Toys）' },
  },
  {
    id: 'operator',
    displayName: 'CSP Operator',
    email: 'operator@csp-bot.example',
    role: { en: 'Operator (reviews enrollments, registers providers)', 'zh-TW': '營運人員（審查註冊、登錄提供者）' },
  },
];

export const findPersona = (id: string | undefined): Persona | undefined => PERSONAS.find((persona) => persona.id === id);

/** The web actor of a persona, speaking the given language. */
export function personaActor(persona: Persona, locale: Locale): Actor {
  return { platform: 'web', workspaceId: 'web', userId: persona.id, displayName: persona.displayName, email: persona.email, locale };
}

/** The persona's actorKey: `web:web:<id>`. */
export const personaKey = (id: PersonaId): string => `web:web:${id}`;

/** The persona's one conversation with the bot (like a DM): `web:web:<id>`; decoded by the web adapter. */
export const personaConversationId = (id: PersonaId): string => `web:web:${id}`;

/** The actorKey operators must list in OPERATORS to review from the playground. */
export const OPERATOR_ACTOR_KEY = personaKey('operator');
