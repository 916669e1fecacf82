import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import { createHarness, type Harness } from '../support/core-harness.js';
import { silentLogger } from '../support/database.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { buttonTitles, cardText, createTeamsClient, sendGoCard, sentCards, teamsUser, type TeamsClient } from '../support/teams-client.js';

/**
 * A card action whose handling outlasts the invoke window: Teams gets the used card at once, and
 * the real result replaces it as soon as it exists. (The window is shrunk to 1 ms to make the
 * core "slow" without slowing anything down.)
 */
describe('Teams card actions slower than the invoke window', () => {
  const tenant = 'tenant-deadline';
  let harness: Harness;
  let connector: FakeConnector;
  let server: Server;
  let teams: TeamsClient;
  let drain: () => Promise<void>;
  beforeAll(async () => {
    harness = await createHarness({ label: 'teamsdeadline' });
    connector = await startFakeConnector();
    const adapter = createTeamsAdapter({ invokeDeadlineMs: 1 }, { core: harness.core, logger: silentLogger });
    harness.core.services.notifier.addDelivery(adapter.delivery);
    drain = adapter.stop;
    const app = express();
    adapter.mount(app);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, () => resolve(listening));
    });
    teams = createTeamsClient({ botUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connector, tenantId: tenant });
  });
  afterAll(async () => {
    await drain?.();
    await new Promise((resolve) => server?.close(resolve));
    await connector?.close();
    await harness?.close();
  });

  it('answers with the used card at once, then updates the card with the result', async () => {
    const mei = teamsUser('mei');
    await teams.say(mei, 'help');
    await connector.waitFor((call) => call.kind === 'reply');
    const card = await sendGoCard(harness.core.services.notifier, connector, `teams:${tenant}:${mei.aadObjectId}`);

    const from = connector.calls.length;
    const response = await teams.press(mei, card, 'Go');
    expect(response.status).toBe(200);
    expect(buttonTitles(response.body.value)).toEqual([]);
    expect(cardText(response.body.value)).toContain('Ready?');

    // The core's answer (here: this action is not handled any more) follows through the Bot Connector.
    await connector.waitFor((call) => call.kind === 'reply', { from });
    await drain();
    const later = sentCards(connector.calls.slice(from));
    expect(later.some((sent) => sent.call.kind === 'update' && sent.activityId === card.activityId)).toBe(true);
    expect(later.filter((sent) => sent.call.kind === 'reply')).toHaveLength(1);
  });
});
