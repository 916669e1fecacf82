import { startReminderNode } from './reminder-kind.js';

/** One bot replica's scheduler and reminder sweep (its own process): fires due reminders until SIGTERM. */
const node = await startReminderNode(process.env.MONGODB_URI ?? '', { process: true });
process.stdout.write('replica ready\n');
process.once('SIGTERM', () => {
  void node.stop().finally(() => process.exit(0));
});
