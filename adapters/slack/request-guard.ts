import type { RequestHandler } from 'express';

/** Slack's own window: a request signed more than five minutes away from now is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Bolt refuses old timestamps but accepts future ones; a far-future timestamp would let a
 * captured request be replayed for as long as it points ahead, so it is refused here (401).
 */
export function rejectFutureTimestamps(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(timestamp) && timestamp > Math.floor(now() / 1000) + MAX_CLOCK_SKEW_S) {
      res.status(401).send();
      return;
    }
    next();
  };
}
