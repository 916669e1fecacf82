import { randomUUID } from 'node:crypto';
import { modelOf } from './model-of.js';
import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditEntry, AuditListener, AuditLog } from '../core/ports.js';
import type { Logger } from '../logger.js';
import { insertOnce } from './claims.js';

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

export function createAuditLog(connection: Connection, logger: Logger): AuditLog {
  const model: Model<AuditEntry> = modelOf<AuditEntry>(connection, 'AuditEntry', auditSchema, 'audit');
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
    async bySubject(subject) {
      // An equality only: FerretDB evaluates `$in` and ranges itself over the whole collection; a subject has few entries.
      return model.find({ subject }).lean<AuditEntry[]>();
    },
  };
}
