import { randomUUID } from 'node:crypto';
import { latestDialog } from '../../src/infrastructure/dialog-store.js';
import type { Actor } from '../../src/core/events.js';
import type { Reply } from '../../src/core/replies.js';
import { buttons, persona, type Harness } from './core-harness.js';

/** Valid answers for a US reseller, in the order the dialog asks (new-reseller path). */
export const US_ANSWERS: Array<[field: string, text: string]> = [
  ['tenant', 'contoso.onmicrosoft.com'],
  ['legalName', 'Contoso Ltd.'],
  ['country', 'US'],
  ['addressLine1', '1 Microsoft Way'],
  ['city', 'Redmond'],
  ['region', 'wa'],
  ['postalCode', '98052'],
  ['partnerId', '1234567'],
  ['partnerCountry', 'United States'],
  ['contactName', 'Ana Ruiz'],
  ['contactEmail', 'ana@contoso.com'],
  ['contactPhone', '+1 425 555 0100'],
  ['supportEmail', 'support@contoso.com'],
  ['supportPhone', '(425) 555-0199'],
  ['supportWebsite', 'contoso.com/support'],
];

/** The same for a Taiwanese reseller answering in Chinese where the dialog allows it. */
export const TW_ANSWERS: Array<[field: string, text: string]> = [
  ['tenant', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
  ['legalName', '康特索股份有限公司'],
  ['country', '台灣'],
  ['addressLine1', '信義路五段7號'],
  ['city', '台北市'],
  ['region', '略過'],
  ['postalCode', '110'],
  ['partnerId', '7654321'],
  ['partnerCountry', 'TW'],
  ['contactName', '林美'],
  ['contactEmail', 'mei@contoso.com.tw'],
  ['contactPhone', '+886 2 2345 6789'],
  ['supportEmail', 'support@contoso.com.tw'],
  ['supportPhone', '02-2345-6799'],
  ['supportWebsite', 'https://contoso.com.tw/support'],
];

export const operator = persona('operator');

let applicants = 0;

/**
 * The US answers with another primary contact email, so each test's verification mail is its own, and a tenant and
 * PartnerID of their own (one tenant or PartnerID enrolls one reseller): `contoso<n>.onmicrosoft.com`, `30000<n>`.
 */
export function usAnswersFor(email: string): Array<[field: string, text: string]> {
  const n = ++applicants;
  const own: Record<string, string> = { contactEmail: email, tenant: `contoso${n}.onmicrosoft.com`, partnerId: String(3_000_000 + n) };
  return US_ANSWERS.map(([field, text]) => [field, own[field] ?? text]);
}

/** An answer of a list of answers. */
export const answerOf = (answers: Array<[field: string, text: string]>, field: string): string => answers.find(([id]) => id === field)![1];

export const say = (h: Harness, who: Actor, text: string) => h.send(who, { kind: 'message', text });

/** Presses the first button with this actionId (and value, when given) found in the replies. */
export async function press(
  h: Harness,
  who: Actor,
  replies: Reply[],
  actionId: string,
  value?: string,
  eventId?: string,
): Promise<Reply[]> {
  const button = buttons(replies).find((b) => b.actionId === actionId && (value === undefined || b.value === value));
  if (!button) throw new Error(`no button ${actionId} ${value ?? ''} in ${JSON.stringify(buttons(replies).map((b) => b.actionId))}`);
  return h.send(who, { kind: 'action', actionId: button.actionId, value: button.value, messageId: 'm1' }, eventId ? { eventId } : {});
}

/** The dialog document of the actor's DM (the harness's default conversation), as stored. */
export async function storedDialog(h: Harness, who: Actor) {
  const key = `${who.platform}:${who.workspaceId}:${who.userId}|${who.platform}:${who.workspaceId}:dm-${who.userId}`;
  return latestDialog(h.database.connection, key);
}

export async function currentStep(h: Harness, who: Actor): Promise<string | undefined> {
  return ((await storedDialog(h, who))?.state as { step?: string } | null)?.step;
}

/** Starts the dialog and answers every field by text; optionally restarts the process between steps. */
export async function enrollThroughSummary(
  h: Harness,
  who: Actor,
  answers = US_ANSWERS,
  options: { restartBetween?: boolean } = {},
): Promise<Reply[]> {
  const welcome = await say(h, who, 'enroll');
  let replies = await press(h, who, welcome, 'enrollment.start');
  for (const [field, text] of answers) {
    if (options.restartBetween) await h.restart();
    const step = await currentStep(h, who);
    if (step !== field) throw new Error(`expected step ${field}, dialog is at ${step}`);
    replies = await say(h, who, text);
  }
  return replies;
}

/** The token of the latest verification mail sent to `email` (from the outbox mailer); `tag` says which kind of mail. */
export async function verificationToken(h: Harness, email: string, tag = 'enrollment.verify'): Promise<string> {
  const mails = await h.database.connection
    .collection('outbox')
    .find({ to: email, tag })
    .sort({ sentAt: -1 })
    .toArray();
  const match = /\/verify-email\/([A-Za-z0-9_-]{43})/.exec(String(mails[0]?.text ?? ''));
  if (!match) throw new Error(`no verification mail to ${email}`);
  return match[1];
}

/** Opens the verification link's page only (as a mail scanner would): it shows **Confirm my address**, nothing more. */
export function openVerificationPage(h: Harness, who: Actor, token: string) {
  return h.core.engine.openLink('verify-email', token, { actor: who, conversationId: `web:web:link-${who.userId}` });
}

/** Opens the verification link and, when the page is usable, presses its **Confirm my address**: what a person does. */
export async function openVerification(h: Harness, who: Actor, token: string) {
  const page = await openVerificationPage(h, who, token);
  if (page.status !== 200) return page;
  const confirm = buttons(page.replies).find((button) => button.actionId.startsWith('verify-email.confirm'));
  if (!confirm) throw new Error(`no Confirm button on the verification page: ${JSON.stringify(page.replies)}`);
  return h.core.engine.actOnLink('verify-email', token, {
    id: `test:${randomUUID()}`,
    actor: who,
    conversationId: `web:web:link-${who.userId}`,
    input: { kind: 'action', actionId: confirm.actionId, value: confirm.value },
  });
}

/** Submits from the summary and verifies the primary contact's email; returns the application id. */
export async function submitAndVerify(h: Harness, who: Actor, summary: Reply[], email: string): Promise<string> {
  const submitted = await press(h, who, summary, 'enrollment.submit');
  const id = /app_[0-9a-f]{8}/.exec(JSON.stringify(submitted))?.[0];
  if (!id) throw new Error(`no application id in ${JSON.stringify(submitted)}`);
  const opened = await openVerification(h, who, await verificationToken(h, email));
  if (opened.status !== 200) throw new Error(`verification answered ${opened.status}`);
  return id;
}
