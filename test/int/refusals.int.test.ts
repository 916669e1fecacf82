import { createAuditLog } from '../../src/infrastructure/audit.js';
import { createRefusalLog } from '../../src/org/refusals.js';
import type { InboundEvent } from '../../src/core/events.js';
import type { Database } from '../../src/infrastructure/database.js';
import { TestClock } from '../support/core-harness.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from '../support/database.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase('refusals');
});
afterAll(async () => closeTestDatabase(database));

const mallory: InboundEvent = {
  id: 'e1',
  conversationId: 'web:web:dm-mallory',
  actor: { platform: 'web', workspaceId: 'web', userId: 'mallory', displayName: 'Mallory', locale: 'en' },
  input: { kind: 'command', name: 'review', args: 'approve app_00000000' },
};

describe('refused attempts in the audit log', () => {
  it('records access refusals with who tried what, caps a flood and records its count a minute later', async () => {
    const clock = new TestClock(new Date('2026-01-05T09:00:00Z'));
    const audit = createAuditLog(database.connection, silentLogger);
    const refusals = createRefusalLog(audit, { clock, logger: silentLogger, perMinute: 5 });
    const entries = (filter: Record<string, unknown>) => database.connection.collection('audit').find(filter).toArray();

    await refusals.access(mallory, 'DIALOG.BUSY'); // not about access: not audited
    for (let i = 0; i < 12; i++) await refusals.access(mallory, 'REVIEW.OPERATORS_ONLY');
    await refusals.request({ platform: 'slack', reason: 'bad signature', remoteAddress: '203.0.113.9' });

    const access = await entries({ action: 'access.refused' });
    expect(access).toHaveLength(5);
    expect(access[0]).toMatchObject({
      actorKey: 'web:web:mallory',
      platform: 'web',
      details: { code: 'REVIEW.OPERATORS_ONLY', attempted: 'command:review' },
    });
    expect(await entries({ action: 'request.refused' })).toEqual([
      expect.objectContaining({
        actorKey: 'system',
        platform: 'slack',
        details: { reason: 'bad signature', remoteAddress: '203.0.113.9' },
      }),
    ]);

    clock.advance(60_000);
    await refusals.access(mallory, 'REVIEW.OPERATORS_ONLY');
    const summary = await entries({ action: 'access.refused', 'details.summary': true });
    expect(summary).toEqual([
      expect.objectContaining({ actorKey: 'system', details: expect.objectContaining({ code: 'REVIEW.OPERATORS_ONLY', unrecorded: 7 }) }),
    ]);
    expect(await entries({ action: 'access.refused', 'details.summary': { $ne: true } })).toHaveLength(6);
  });
});
