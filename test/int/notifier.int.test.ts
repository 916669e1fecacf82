import { createNotifier } from '../../src/core/notifier.js';
import { createOutboxMailer, outboxModel } from '../../src/infrastructure/outbox.js';
import { createPeople } from '../../src/infrastructure/people.js';
import { systemClock, type ChatAddress, type ChatDelivery } from '../../src/core/ports.js';
import type { Message } from '../../src/core/replies.js';
import type { Database } from '../../src/infrastructure/database.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase('notifier');
});
afterAll(async () => closeTestDatabase(database));

/** A chat platform that knows one workspace member by email and records what it delivers. */
function workspaceDelivery(known: Record<string, ChatAddress>): ChatDelivery & { sent: Array<{ to: ChatAddress; message: Message }> } {
  const sent: Array<{ to: ChatAddress; message: Message }> = [];
  return {
    platform: 'slack',
    sent,
    async sendDirect(to, message) {
      sent.push({ to, message });
      return true;
    },
    async lookupByEmail(_workspaceId, email) {
      return known[email];
    },
  };
}

const compose = () => ({
  message: { blocks: [{ type: 'text' as const, text: 'Fabrikam invites you' }] },
  mail: { subject: 'Invitation', text: 'Fabrikam invites you', html: '<p>Fabrikam invites you</p>', tag: 'test' },
});

describe('the notifier', () => {
  it('reaches someone the bot never talked to in the workspace where their email is found', async () => {
    const people = createPeople(database.connection);
    const notifier = createNotifier({ people, mailer: createOutboxMailer(database.connection, systemClock), logger: silentLogger });
    const slack = workspaceDelivery({ 'mei@contoso.com': { platform: 'slack', workspaceId: 'T9', userId: 'U9' } });
    notifier.addDelivery(slack);

    const result = await notifier.notify({ email: 'mei@contoso.com' }, compose);

    expect(result).toEqual({ chat: true, email: false });
    expect(slack.sent.map((item) => item.to)).toEqual([{ platform: 'slack', workspaceId: 'T9', userId: 'U9' }]);
  });

  it('emails someone no platform knows', async () => {
    const notifier = createNotifier({
      people: createPeople(database.connection),
      mailer: createOutboxMailer(database.connection, systemClock),
      logger: silentLogger,
    });
    notifier.addDelivery(workspaceDelivery({}));

    expect(await notifier.notify({ email: 'ops@wingtip.example' }, compose)).toEqual({ chat: false, email: true });
    expect(await outboxModel(database.connection).countDocuments({ to: 'ops@wingtip.example' })).toBe(1);
  });
});
