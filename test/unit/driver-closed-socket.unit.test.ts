import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer, connect, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * The MongoDB driver's patch (patches/README.md). A connection whose socket is already destroyed, its 'close'
 * event still queued, wrote the next command to it and waited for a 'drain' that never comes. It happened to the
 * server monitor in the database-outage scenario: its heartbeat, started as the cut closed the connections, never
 * ended, so the bot never saw the database again. Both copies of the driver are checked: the one mongoose uses
 * (the bot's) and the top-level one (Agenda's).
 */
const require = createRequire(import.meta.url);
const drivers: Array<[string, string]> = [
  ['mongoose', dirname(require.resolve('mongodb', { paths: [dirname(require.resolve('mongoose'))] }))],
  ['top-level', dirname(require.resolve('mongodb'))],
];

describe('the MongoDB driver on a socket destroyed before its close event', () => {
  const server = createServer((socket) => socket.resume());
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => server.close());

  it.each(drivers)('fails the command at once instead of waiting forever (%s driver)', async (_name, lib) => {
    const { Connection } = require(join(lib, 'cmap/connection.js'));
    const { ns } = require(join(lib, 'utils.js'));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    const connection = new Connection(socket, { id: 7, generation: 0 });
    socket.destroy(); // destroyed now; its 'close' event comes in a later turn of the event loop
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      connection.command(ns('admin.$cmd'), { ping: 1 }, {}).then(
        () => 'answered',
        (error: Error) => `failed: ${error.message}`,
      ),
      new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting after 10 s'), 10_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toMatch(/^failed: connection 7 to .* closed$/);
    expect(connection.closed).toBe(true);
  });
});
