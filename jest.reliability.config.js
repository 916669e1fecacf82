/**
 * The reliability suite of issue 9 (`npm run test:reliability`): bot processes, kill -9, database
 * cuts and property-based bad input. One file at a time (two cores; several scenarios spawn bots).
 * RELIABILITY_SCALE=full runs the sizes; the default `ci` size fits in about five minutes.
 */
import base from './jest.config.js';

process.env.RELIABILITY_SCALE ??= 'ci';

export default {
  ...base,
  testMatch: ['<rootDir>/test/reliability/**/*.rel.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 900000,
};
