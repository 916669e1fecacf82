import type { Actor, Locale, Platform } from './events.js';
import type { Message } from './replies.js';
import type { Membership, Organization, OrgKind } from '../org/organizations.js';

/**
 * Ports the core owns and the outside implements. Nothing here names a chat platform's types.
 */

/** Time, passed in so tests and jobs can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** An email in the recipient's language, with links already built on PUBLIC_URL. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: Locale;
  /** Why it was sent (`enrollment.verify`, `reminder.invitation`), for the outbox and the audit log. */
  tag: string;
  /** Values in it that work as credentials (a one-time code): only the mail sent holds them, never a stored copy. */
  secrets?: readonly string[];
}

/**
 * Sends mail. Without SMTP_URL the implementation writes to the outbox collection.
 * @example await mailer.send({ to: 'mei@contoso.com', subject: 'Verify', text, html, locale: 'zh-TW', tag: 'enrollment.verify' });
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A person the bot can reach in chat: the platform, workspace and user ids. */
export interface ChatAddress {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

/**
 * Delivers a message to a person outside the current turn (Slack DM, Teams proactive message,
 * playground inbox). Returns false when the platform cannot reach them (then: email).
 * @example const ok = await delivery.sendDirect({ platform: 'slack', workspaceId: 'T01', userId: 'U02' }, message);
 */
export interface ChatDelivery {
  readonly platform: Platform;
  sendDirect(to: ChatAddress, message: Message): Promise<boolean>;
  /** Finds a user of this platform by email (Slack users.lookupByEmail); an empty workspaceId searches every workspace served. */
  lookupByEmail?(workspaceId: string, email: string): Promise<ChatAddress | undefined>;
}

/** One state change: who did what to which subject, when, from which platform. */
export interface AuditEntry {
  _id: string;
  orgId?: string;
  /** Other organizations the change concerns (the provider of a partnership, the customer ...). */
  relatedOrgIds: string[];
  actorKey: string;
  platform: Platform | 'system';
  /** A stable code: `enrollment.submitted`, `partnership.authorized`, `mail.failed` ... */
  action: string;
  subject?: string;
  details?: Record<string, unknown>;
  at: Date;
}

/** Called after every recorded entry: how reminders and notifications follow state changes. */
export type AuditListener = (entry: AuditEntry) => Promise<void>;

export interface AuditLog {
  /** Runs `listener` after each future record; a failing listener is logged, never undoes the change. */
  subscribe(listener: AuditListener): void;
  /**
   * Records an entry; true when it was new. With `id` the entry is recorded at most once under that id (the
   * insert is the claim), so a transition completed again after a crash does not log twice; a repeat returns
   * false and does not run the listeners again.
   */
  record(entry: Omit<AuditEntry, '_id' | 'relatedOrgIds'> & { relatedOrgIds?: string[]; id?: string }): Promise<boolean>;
  /** Newest first: entries of the organization and those that concern it. */
  list(orgId: string, limit?: number): Promise<AuditEntry[]>;
  /** Every entry about one subject (an application, invitation, request), in no particular order. */
  bySubject(subject: string): Promise<AuditEntry[]>;
}

/** Where a user is in a multi-step dialog: the flow, its step and the answers so far. */
export interface DialogState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
}

export interface StoredDialog {
  state: DialogState | undefined;
  version: number;
  /** The delivery whose turn saved this version, and what that turn answered (replayed if its answer never went out). */
  origin?: DialogOrigin;
  updatedAt?: Date;
}

export interface DialogOrigin {
  eventId: string;
  outcome: unknown;
  /** That delivery's `receivedAt` (epoch ms), when it had one. */
  receivedAt?: number;
}

/**
 * Dialog state per user and conversation (`key`), saved after every turn that changes it. A save inserts
 * the next version: the insert is both the write and the claim of that version (a unique `_id`), so a turn
 * that loses the race learns it (DIALOG.BUSY) and one killed mid-turn leaves nothing half-done behind.
 * Insert-only also suits FerretDB, whose updates cost more than its inserts.
 */
export interface DialogStore {
  load(key: string): Promise<StoredDialog>;
  /** Writes the state as version `loaded.version + 1`; throws DIALOG.BUSY when another turn won. */
  save(key: string, loaded: StoredDialog, state: DialogState | undefined, now: Date, origin?: DialogOrigin): Promise<void>;
  /** Deletes versions superseded before `before` (the hourly clean-up); returns how many. */
  prune(before: Date): Promise<number>;
  /** The newest version of one dialog. */
  latest(key: string): Promise<SavedDialog | undefined>;
  /** Each dialog's newest version among the versions saved since `since` (the dialog sweep's scan). */
  savedSince(since: Date): Promise<SavedDialog[]>;
}

/** A dialog's newest version as the dialog sweep sees it: whose it is, its state and when it was saved. */
export interface SavedDialog {
  key: string;
  /** The user the dialog belongs to (the store owns the key's format). */
  actorKey: string;
  state: DialogState | undefined;
  version: number;
  updatedAt: Date;
}

/** Organizations and their memberships, as the features read them. */
export interface Organizations {
  get(id: string): Promise<Organization | undefined>;
  /** The organizations with these ids, by id (unknown ids are missing). */
  byIds(ids: readonly string[]): Promise<Map<string, Organization>>;
  /** Organizations of one kind (in one country), by legal name. */
  ofKind(kind: OrgKind, country?: string): Promise<Organization[]>;
  /** The organization of this kind with this Partner Center PartnerID. */
  withPartnerId(kind: OrgKind, partnerId: string): Promise<Organization | undefined>;
  /** The organization of this kind with this Microsoft Entra tenant (its ID or its *.onmicrosoft.com domain, lower case). */
  withTenant(kind: OrgKind, tenant: string): Promise<Organization | undefined>;
  /** How many organizations there are (the demo seeds an empty database only). */
  count(): Promise<number>;
  /** Every membership of one organization. */
  members(orgId: string): Promise<Membership[]>;
  /** The membership of a known chat identity in one organization. */
  membership(orgId: string, actorKey: string): Promise<Membership | undefined>;
  /** Memberships created for, or linked to, this email address (lower case). */
  membershipsByEmail(email: string): Promise<Membership[]>;
  membershipById(id: string): Promise<Membership | undefined>;
  /** Every membership linked to this chat identity. */
  membershipsOf(actorKey: string): Promise<Membership[]>;
  /** Inserts under the organization's fixed id; false when it exists already (a repeated step changes nothing). */
  insert(org: Organization): Promise<boolean>;
  /** Inserts under the membership's fixed id (`membershipId`); false when it exists already. */
  addMembership(membership: Membership): Promise<boolean>;
  /** Links a membership created for an email to the chat identity of the person with that email. */
  link(membershipId: string, actorKey: string, displayName: string): Promise<void>;
  /** Sets some of an organization's fields (an admin's edit). */
  update(id: string, fields: Partial<Omit<Organization, '_id'>>): Promise<void>;
  setRoles(membershipId: string, roles: Membership['roles']): Promise<void>;
}

/** Everyone the bot has talked to, so notifications can reach them in chat and in their language. */
export interface Person extends Actor {
  /** actorKey(actor) */
  _id: string;
  /** The last conversation with the bot (a DM on Slack, the personal chat on Teams). */
  conversationId: string;
  seenAt: Date;
}

export interface People {
  /**
   * Records the actor as seen now (last write wins: it is a profile cache, not state). `seenAt` is therefore
   * approximate: a process rewrites an unchanged profile at most every few minutes.
   */
  remember(actor: Actor, conversationId: string, now: Date): Promise<void>;
  get(key: string): Promise<Person | undefined>;
  /** Everyone the bot knows with this email, on any platform. */
  findByEmail(email: string): Promise<Person[]>;
}

/**
 * Email addresses chat identities have proven to read (by typing the one-time code the bot mailed there,
 * src/identity). A platform's profile email is a hint, never proof: a tenant admin sets it freely.
 * @example if (await mailboxes.proven('slack:T1:U1', 'kevin@wingtip.example')) { ... }
 */
export interface Mailboxes {
  proven(actorKey: string, email: string): Promise<boolean>;
  /** Records the proof (an insert under `<actorKey>|<email>`; repeating it changes nothing). */
  prove(actorKey: string, email: string, at: Date): Promise<void>;
}

/** The exactly-once primitive (an insert against a unique `_id`; src/infrastructure/claims.ts). */
export interface Claims {
  /** True for the one caller that claimed `key` first, false for everyone after. */
  claim(key: string): Promise<boolean>;
  /** When `key` was claimed, or undefined when it was not. */
  claimedAt(key: string): Promise<Date | undefined>;
  /** Claims every key at once, as claimed `at` (one unordered batch insert): the keys this caller won. */
  claimAll(keys: readonly string[], at: Date): Promise<Set<string>>;
  /**
   * Deletes claims whose key starts with one of `prefixes` and that are older than `before` (run from a
   * clean-up job; there are no TTL indexes on FerretDB). Only for claims that guard short windows, such as
   * delivery retries: a state transition's claim must stay forever.
   */
  prune(prefixes: readonly string[], before: Date): Promise<number>;
}

/** A recorded delivery a process took over for one more attempt (its lease claimed). */
export interface InboxDelivery {
  id: string;
  payload: Record<string, unknown>;
  attempt: number;
  recordedAt: Date;
}

/**
 * Deliveries recorded before they are acknowledged, so that a process killed after acknowledging one
 * leaves it to another process or to its restart (src/infrastructure/inbox.ts).
 */
export interface Inbox {
  /** How long a delivery's attempt may take before another process starts the next one. */
  readonly leaseMs: number;
  /** Records a delivery by its id: `known` when it was recorded already (a retry), `unrecorded` when the database did not answer in time. */
  record(platform: string, id: string, payload: Record<string, unknown>): Promise<'new' | 'known' | 'unrecorded'>;
  /** Whether a delivery is recorded and unfinished (a read by its id: no write). */
  holds(id: string): Promise<boolean>;
  /** The delivery's turns are over (answered, refused or ignored). */
  finish(id: string): Promise<void>;
  /** This platform's deliveries whose lease ran out, each claimed for this process's next attempt. */
  overdue(platform: string): Promise<InboxDelivery[]>;
}
