import type { Logger } from '../../src/logger.js';

/**
 * Work that finishes after the HTTP response: Teams re-sends an activity that is not answered
 * within about 15 s, so the adapter answers first and replies through the Bot Connector later.
 */
export interface Background {
  run(label: string, work: () => Promise<void>): void;
  /** Resolves when every task started so far has ended (shutdown, tests). */
  drain(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const pending = new Set<Promise<void>>();
  return {
    run(label, work) {
      const task = work()
        .catch((error) => logger.error({ err: error, task: label }, 'teams background task failed'))
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    async drain() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

/** Resolves with the work's result, or with undefined once `ms` have passed (the work goes on). */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
