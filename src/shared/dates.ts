export const day = 24 * 60 * 60 * 1000;

/** `2026-11-02`: the date part of the ISO form (UTC), as the bot shows dates. */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
