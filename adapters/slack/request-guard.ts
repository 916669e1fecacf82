import { ExpressReceiver } from '@slack/bolt';
import type { Request, RequestHandler, Response } from 'express';
import type { RefusalLog } from '../../src/public.js';
import type { DeliveryRecord } from '../shared/delivery-record.js';
import { slackDeliveryId } from './ids.js';

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

/** Why a request was refused 401, told from its headers (Bolt answers 401 without saying why). */
export function signatureProblem(headers: Request['headers'], nowMs: number = Date.now()): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const signature = first(headers['x-slack-signature']);
  const stamp = first(headers['x-slack-request-timestamp']);
  if (!signature || !stamp) return 'missing signature';
  const timestamp = Number(stamp);
  if (!Number.isFinite(timestamp)) return 'malformed timestamp';
  const skew = timestamp - Math.floor(nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_S) return 'stale timestamp';
  if (skew > MAX_CLOCK_SKEW_S) return 'future timestamp';
  return 'bad signature'; // forged, tampered body, wrong secret or scheme
}

/**
 * Audits every request of this route answered 401 (by Bolt's signature check or rejectFutureTimestamps)
 * as `request.refused`, with the reason and the remote address; the refusal log caps a flood.
 */
export function auditRefusedRequests(refusals: Pick<RefusalLog, 'request'>, now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const remoteAddress = req.ip ?? req.socket.remoteAddress;
      void refusals.request({ platform: 'slack', reason: signatureProblem(req.headers, now()), remoteAddress });
    });
    next();
  };
}

/** Slack's ids (teams, enterprises, users, channels) are upper-case letters and digits. */
const SLACK_ID = /^[A-Z0-9]{1,40}$/;

/**
 * Why Bolt could not route this (already signature-checked) body, or undefined when it can. Bolt reads
 * `body.event.type`, `body.channel.id` and `body.user.id` unchecked, and indexes its per-team client pools
 * by the team or enterprise id (`constructor` would find a function there): any of those malformed would
 * make it throw (500). Only Slack can sign, so this is robustness, not a defence.
 */
export function slackBodyProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the request body is not a JSON object';
  if ((body.type === 'event_callback' || 'event' in body) && !isObject(body.event)) return '`event` is not an object';
  if ('channel' in body && !isObject(body.channel)) return '`channel` is not an object';
  if ('team' in body && body.team !== null && !isObject(body.team)) return '`team` is not an object';
  // Bolt reads any other body with `name` (or a block_suggestion) as an options request; with no options
  // listener (the app has no external select menus) it fails with 500.
  if (body.event === undefined && body.command === undefined && (body.name !== undefined || body.type === 'block_suggestion')) {
    return 'options requests are not served (the app has no select menus with external options)';
  }
  const user = body.user;
  if ('user' in body && !isObject(user)) return '`user` is not an object';
  // Button presses and modal submissions are queued per user before they are acknowledged.
  const interactive = body.type === 'block_actions' || body.type === 'view_submission';
  if (interactive && !isObject(user)) return '`user` is missing';
  const ids: Array<[string, unknown]> = [
    ['team_id', body.team_id],
    ['enterprise_id', body.enterprise_id],
    ['team.id', isObject(body.team) ? body.team.id : undefined],
    ['user.id', isObject(user) ? user.id : undefined],
    ['user.team_id', isObject(user) ? user.team_id : undefined],
  ];
  const bad = ids.find(([, id]) => id !== undefined && id !== null && !(typeof id === 'string' && (id === '' || SLACK_ID.test(id))));
  if (bad) return `\`${bad[0]}\` is not a Slack id`;
  if (interactive && typeof (user as Record<string, unknown>).id !== 'string') return '`user.id` is missing';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Bolt's receiver with the body shape checked between signature verification (unsigned requests
 * still get 401) and routing: a malformed body gets 400 with the reason.
 */
export class GuardedExpressReceiver extends ExpressReceiver {
  /** Records each delivery before Bolt sees it (adapters/shared/delivery-record.ts); set by the adapter. */
  record?: DeliveryRecord;

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const problem = slackBodyProblem(req.body);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    if (!this.record) return super.requestHandler(req, res);
    // A retry of a delivery recorded already is acknowledged: the process that recorded it, or its lease, finishes it.
    const body = req.body as Record<string, unknown>;
    if (!(await this.record.handle(slackDeliveryId(body), body, () => super.requestHandler(req, res)))) res.status(200).send();
  }
}
