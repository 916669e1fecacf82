import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import mongoose from 'mongoose';

/**
 * The baselines of the acknowledgement benchmark, run as their own process:
 * MODE=ack   a bare Bolt app that acknowledges and does nothing (a);
 * MODE=write the same, writing one document per request through mongoose before acknowledging (b):
 *            the physical limit of persisting every step on this database.
 * /api/messages answers 200 (after the same write in `write` mode) so both get the benchmark's full mix.
 */
const mode = process.env.MODE === 'write' ? 'write' : 'ack';
const connection =
  mode === 'write' ? await mongoose.createConnection(process.env.MONGODB_URI ?? '', { bufferCommands: false }).asPromise() : undefined;
const Step = connection?.model('Step', new mongoose.Schema({ user: String, kind: String, at: Date }, { versionKey: false }), 'steps');
const persist = async (user: string, kind: string) => {
  if (Step) await Step.create({ user, kind, at: new Date() });
};

const http = express();
const receiver = new ExpressReceiver({ signingSecret: process.env.SIGNING_SECRET ?? '', app: http, processBeforeResponse: false });
// A fixed identity (no auth.test) and a Web API on a dead loopback port: the baseline never leaves the machine.
const app = new App({
  receiver,
  authorize: async () => ({ botToken: 'xoxb-baseline', botId: 'BBASE', botUserId: 'UBASE' }),
  clientOptions: { slackApiUrl: 'http://127.0.0.1:9/api/' },
});
app.command('/csp', async ({ command, ack }) => {
  await persist(command.user_id, 'command');
  await ack();
});
app.action({ type: 'block_actions' }, async ({ body, ack }) => {
  await persist(body.user.id, 'action');
  await ack();
});
http.post('/api/messages', express.json(), async (req, res) => {
  await persist(String(req.body?.from?.id), 'teams');
  res.sendStatus(200);
});

const server = http.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`baseline ${mode} listening at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void connection?.close().finally(() => process.exit(0));
  if (!connection) process.exit(0);
});
