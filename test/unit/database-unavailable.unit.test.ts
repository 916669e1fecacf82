import { MongoNetworkError, MongoServerClosedError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { createRequire } from 'node:module';
import { isDatabaseUnavailable } from '../../src/core/engine.js';

// Not exported by the package: what an operation waiting for a connection gets when the pool is cleared.
const { PoolClearedError } = createRequire(import.meta.url)('mongodb/lib/cmap/errors.js') as {
  PoolClearedError: new (pool: unknown) => Error;
};

/** What decides between "the database is unavailable, try again" and "something went wrong" for the person. */
describe('isDatabaseUnavailable', () => {
  it('is true for the driver’s errors of an unreachable server, the cleared connection pool’s among them', () => {
    const pool = { address: '127.0.0.1:27017', serverError: new MongoNetworkError('connection 8 closed') };
    for (const error of [
      new MongoNetworkError('connection 8 to 127.0.0.1:27017 closed'),
      new MongoServerSelectionError('Server selection timed out', { type: 'Unknown' } as never),
      new MongoServerClosedError(),
      new PoolClearedError(pool),
    ])
      expect([error.name, isDatabaseUnavailable(error)]).toEqual([error.name, true]);
  });

  it('is false for what the server answered and for the bot’s own errors', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
