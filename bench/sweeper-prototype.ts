import { Schema, type Model } from 'mongoose';
import type { CoreServices } from '../src/core/services.js';
import type { Reminder, ReminderKind } from '../src/reminders/reminder.js';
import { claimKey, recordReminderSent } from '../src/reminders/reminder.js';
import { isDuplicateKey } from '../src/persistence/claims.js';
import { renderMail } from '../src/notifications/mail-layout.js';

/**
 * PROTOTYPE of the design proposed in docs/benchmarks.md — not used by the bot. Reminders are plain
 * documents filed under their due second (`slot`); every replica reads the due slots with EQUALITY
 * queries (which FerretDB's PostgreSQL backend pushes down to SQL; range filters and sorts it does not,
 * so a `dueAt <= now` query would read the whole collection) and delivers each reminder after winning
 * its claim `reminder:<subject>:<kind>:<occurrence>` (a unique insert, the project's exactly-once
 * primitive). Agenda instead locks each job with its own findOneAndUpdate: one collection scan per job.
 */
interface DueDoc {
  _id: string;
  dueAt: Date;
  slot: number;
  reminder: Reminder;
}

const SLOT_MS = 1_000;
const slotOf = (ms: number) => Math.floor(ms / SLOT_MS);
/** A safety net for what the slot walk cannot see (e.g. a replica stopped between claim and delete). */
const CATCH_UP_MS = 30_000;

const dueSchema = new Schema<DueDoc>(
  {
    _id: String,
    dueAt: Date,
    slot: { type: Number, index: true },
    reminder: Schema.Types.Mixed,
  },
  { versionKey: false },
);

export interface Sweeper {
  schedule(reminder: Reminder): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createSweeper(services: CoreServices, kind: ReminderKind, options = { pollMs: 500, concurrency: 16 }): Sweeper {
  const model: Model<DueDoc> =
    services.connection.models.DueReminder ?? services.connection.model<DueDoc>('DueReminder', dueSchema, 'due_reminders');
  const taken = new Set<string>();
  const queue: DueDoc[] = [];
  let running = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // The same effects as the reminder service's delivery: the notifier (outbox mail here), then the audit entry.
  async function deliver(reminder: Reminder): Promise<void> {
    const compose = kind.compose;
    const reached = compose
      ? await services.notifier.notify(reminder.recipient, () => ({
          message: { blocks: [] },
          mail: renderMail({
            ...compose(reminder, (key) => key),
            tag: `reminder.${kind.kind}`,
          }),
        }))
      : { chat: false, email: false };
    await recordReminderSent(services, reminder, reached);
  }

  async function fire(doc: DueDoc): Promise<void> {
    if (await services.claims.claim(claimKey(doc.reminder))) await deliver(doc.reminder);
    await model.deleteOne({ _id: doc._id });
  }

  function pump(): void {
    while (running < options.concurrency && queue.length) {
      const doc = queue.shift() as DueDoc;
      running++;
      fire(doc)
        .catch((error) => services.logger.error({ err: error }, 'reminder delivery failed'))
        .finally(() => {
          running--;
          taken.delete(doc._id);
          pump();
        });
    }
  }

  // Slots from the last poll's current one up to the one the next poll would be late for.
  let nextSlot = slotOf(Date.now()) - 60;
  let lastCatchUp = Date.now();
  async function sweep(): Promise<void> {
    const now = Date.now();
    const due: DueDoc[] = [];
    for (let slot = nextSlot; slot <= slotOf(now + options.pollMs); slot++) due.push(...(await model.find({ slot }).lean<DueDoc[]>()));
    nextSlot = slotOf(now);
    if (now - lastCatchUp > CATCH_UP_MS) {
      lastCatchUp = now;
      due.push(...(await model.find({ dueAt: { $lte: new Date(now - CATCH_UP_MS) } }).lean<DueDoc[]>()));
    }
    for (const doc of due) {
      if (taken.has(doc._id)) continue;
      taken.add(doc._id);
      // Wait for the due instant within the poll's horizon, then queue behind the concurrency limit.
      setTimeout(() => (queue.push(doc), pump()), Math.max(0, new Date(doc.dueAt).getTime() - Date.now()));
    }
  }

  const loop = () => {
    if (stopped) return;
    sweep()
      .catch((error) => services.logger.error({ err: error }, 'reminder sweep failed'))
      .finally(() => (timer = setTimeout(loop, options.pollMs)));
  };

  return {
    async schedule(reminder) {
      try {
        // Never file into a past slot: the replicas have walked past it (they re-read the current one).
        const dueAt = new Date(reminder.dueAt);
        await model.create({
          _id: claimKey(reminder),
          dueAt,
          slot: Math.max(slotOf(dueAt.getTime()), slotOf(Date.now())),
          reminder,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    start: loop,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (running || queue.length) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
