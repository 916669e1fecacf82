import { startReminderNode } from './reminder-kind.js';

/** One bot replica's scheduler (its own process): fires due reminders until SIGTERM. */
const engine = process.env.BENCH_REMINDER_ENGINE === 'sweeper' ? 'sweeper' : 'service';
const node = await startReminderNode(process.env.MONGODB_URI ?? '', { process: true, engine });
process.stdout.write('replica ready\n');
process.once('SIGTERM', () => {
  void node.stop().finally(() => process.exit(0));
});
