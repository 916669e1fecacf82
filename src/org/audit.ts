import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Platform } from '../core/events.js';
import type { Logger } from '../logger.js';
import { insertOnce } from '../infrastructure/claims.js';

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

const auditSchema = new Schema<AuditEntry>(
  {
    _id: String,
    orgId: { type: String, index: true },
    relatedOrgIds: { type: [String], index: true },
    actorKey: String,
    platform: String,
    action: String,
    // Reminders re-check a subject's entries with an equality on it (pushed down to SQL by FerretDB).
    subject: { type: String, index: true },
    details: Schema.Types.Mixed,
    at: { type: Date, index: true },
  },
  { versionKey: false },
);

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
}

export function createAuditLog(connection: Connection, logger: Logger): AuditLog {
  const model: Model<AuditEntry> = connection.models.AuditEntry ?? connection.model<AuditEntry>('AuditEntry', auditSchema, 'audit');
  const listeners: AuditListener[] = [];
  return {
    subscribe(listener) {
      listeners.push(listener);
    },
    async record({ id, ...entry }) {
      const saved: AuditEntry = { _id: id ?? `aud_${randomUUID()}`, relatedOrgIds: [], ...entry };
      // A random id never collides: only a fixed `id` can find its entry recorded already.
      if (!(await insertOnce(() => model.create(saved)))) return false;
      for (const listener of listeners) {
        await listener(saved).catch((error: unknown) => logger.error({ err: error, action: saved.action }, 'audit listener failed'));
      }
      return true;
    },
    async list(orgId, limit = 50) {
      const [own, related] = await Promise.all([
        model.find({ orgId }).sort({ at: -1 }).limit(limit).lean<AuditEntry[]>(),
        model.find({ relatedOrgIds: orgId }).sort({ at: -1 }).limit(limit).lean<AuditEntry[]>(),
      ]);
      const seen = new Set<string>();
      return [...own, ...related]
        .filter((entry) => !seen.has(entry._id) && seen.add(entry._id))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit);
    },
  };
}
