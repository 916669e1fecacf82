import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; every component takes a child logger with its own bindings. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'csp-partner-bot' } });
}
