import pino from 'pino';
import type { Core } from '../../src/core/create-core.js';
import { createTeamsAdapter } from '../../adapters/teams/index.js';

describe('createTeamsAdapter configuration', () => {
  const logger = pino({ level: 'silent' });
  // Refused before the core is touched, so an empty stand-in is enough here.
  const core = {} as Core;

  it('refuses to start in production without MICROSOFT_APP_ID, naming the variable', () => {
    expect(() => createTeamsAdapter({ NODE_ENV: 'production' }, { core, logger })).toThrow(/MICROSOFT_APP_ID/);
  });
});
