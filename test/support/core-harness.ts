import { randomUUID } from 'node:crypto';
import { createCore, type Core } from '../../app/features.js';
import type { Actor, Input, Locale } from '../../src/core/events.js';
import type { Block, Reply } from '../../src/core/replies.js';
import type { Mailer } from '../../src/core/ports.js';
import type { Database } from '../../src/infrastructure/database.js';
import { createClaims } from '../../src/infrastructure/claims.js';
import { createScheduler } from '../../src/infrastructure/scheduler.js';
import { testSecretBox } from './secrets.js';
import { closeTestDatabase, openTestDatabase, silentLogger } from './database.js';

/** A controllable clock for tests. */
export class TestClock {
  constructor(public current = new Date('2026-11-02T09:00:00Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  core: Core;
  database: Database;
  clock: TestClock;
  /** Sends a neutral event as `who` and returns the core's replies. */
  send(who: Actor, input: Input, options?: { eventId?: string; conversationId?: string }): Promise<Reply[]>;
  /** Builds a fresh core on the same database, as a restarted process would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  operators?: string[];
  label?: string;
  /** The mailer (default: the outbox keeping its links, as in the playground). */
  mailer?: (database: Database, clock: TestClock) => Mailer;
}

/** The real core on a real database, driven through the neutral interface. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = await openTestDatabase(options.label ?? 'core');
  const clock = new TestClock();
  const build = () => {
    const claims = createClaims(database.connection, clock.now);
    const scheduler = createScheduler({ connection: database.connection, claims, logger: silentLogger });
    return createCore({
      connection: database.connection,
      claims,
      scheduler,
      logger: silentLogger,
      publicUrl: 'http://bot.test',
      operators: options.operators ?? ['web:web:operator'],
      clock,
      secrets: testSecretBox(),
      mailer: options.mailer?.(database, clock),
    });
  };
  const harness: Harness = {
    core: build(),
    database,
    clock,
    send(who, input, sendOptions = {}) {
      return harness.core.engine.handle({
        id: sendOptions.eventId ?? `test:${randomUUID()}`,
        actor: who,
        conversationId: sendOptions.conversationId ?? `${who.platform}:${who.workspaceId}:dm-${who.userId}`,
        input,
      });
    },
    async restart() {
      harness.core = build();
    },
    close: () => closeTestDatabase(database),
  };
  return harness;
}

/** A test persona on the web platform. */
export function persona(userId: string, extra: Partial<Actor> = {}): Actor {
  return { platform: 'web', workspaceId: 'web', userId, displayName: userId, locale: 'en' as Locale, ...extra };
}

/** All text a user would read in the replies (texts, summary fields, button and form labels). */
export function readable(replies: Reply[]): string {
  const out: string[] = [];
  const visit = (block: Block) => {
    switch (block.type) {
      case 'text':
        out.push(block.text);
        break;
      case 'summary':
        out.push(block.title, ...block.fields.map((field) => `${field.label}: ${field.value}`));
        break;
      case 'actions':
        out.push(...block.buttons.map((button) => `[${button.label}]`));
        break;
      case 'form':
        out.push(
          block.title,
          ...block.fields.map((field) => `${field.label}${field.error ? ` (${field.error})` : ''}`),
          `[${block.submitLabel}]`,
        );
        break;
    }
  };
  for (const reply of replies) {
    if (reply.type === 'form-errors') out.push(...Object.values(reply.errors));
    else reply.message.blocks.forEach(visit);
  }
  return out.join('\n');
}

/** Every button in the replies. */
export function buttons(replies: Reply[]) {
  return replies.flatMap((reply) =>
    reply.type === 'form-errors'
      ? []
      : reply.message.blocks.flatMap((block) =>
          block.type === 'actions' ? block.buttons : block.type === 'form' ? (block.buttons ?? []) : [],
        ),
  );
}
