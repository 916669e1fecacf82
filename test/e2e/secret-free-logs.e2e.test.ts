import { createHmac } from 'node:crypto';
import { startSmtpServer, type TestSmtpServer } from '../int/mail-reader.js';
import { startCluster, type Cluster } from '../support/reliability-cluster.js';
import { runEnrollment, slackFlowUser, type Deliver } from '../support/reliability-flow.js';
import { SIGNING_SECRET } from '../support/slack-workspace.js';

/**
 * A full scenario on a production-mode bot at LOG_LEVEL=debug — a Slack enrollment, the verification
 * email over SMTP with a password, its link opened with cookies, Teams requests with a bearer JWT, Slack
 * requests signed and forged — then its whole log searched for every secret the scenario used.
 */
const APP_PASSWORD = 'teams-app-password-0f3b9';
const SMTP_PASSWORD = 'smtp-password-7c21e';
const BOT_TOKEN = 'xoxb-logs-4411-secret';
const COOKIE_VALUE = 'cookie-value-93d7a1';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
// Well-formed, from an issuer the bot does not trust (checking a trusted issuer's signature needs Microsoft's keys).
const JWT = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ aud: 'x', iss: 'https://issuer.example' })}.${'s'.repeat(86)}`;

describe('logs hold no secret', () => {
  let smtp: TestSmtpServer;
  let cluster: Cluster;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    cluster = await startCluster({
      processes: 1,
      label: 'logs',
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        TEAMS_AUTH: 'on',
        MICROSOFT_APP_ID: '3d6c3a1e-5b2f-4c1a-9e7d-8a9b0c1d2e3f',
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        SMTP_URL: smtp.url.replace('smtp://', `smtp://bot:${SMTP_PASSWORD}@`),
        MAIL_FROM: 'CSP bot <bot@example.com>',
      },
    });
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    await smtp?.close();
  }, 60_000);

  it('finds none of the tokens, secrets, JWTs and cookies of a whole scenario in the log', async () => {
    const user = slackFlowUser(cluster, 'ULOGS1');
    const once: Deliver = async (send) => ((await send(0, 0)) === 200 ? 1 : 0);
    const result = await runEnrollment(cluster, user, { deliver: once, stepTimeoutMs: 15_000, retypes: 3 });
    expect(result.error).toBeUndefined();

    for (let waited = 0; !smtp.received.some((mail) => mail.to.includes(user.email)) && waited < 20_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const mail = smtp.received.find((received) => received.to.includes(user.email));
    const linkPath = /\/verify-email\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(linkPath).toBeDefined();
    const linkToken = linkPath!.split('/').pop()!;
    const bot = cluster.bots[0]!.url;
    const opened = await fetch(`${bot}${linkPath}?utm=${linkToken}`, { headers: { cookie: `csp_lang=en; csp_session=${COOKIE_VALUE}` } });
    expect(opened.status).toBeLessThan(500);

    const teams = await fetch(`${bot}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${JWT}` },
      body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', from: { id: 'u' } }),
    });
    expect(teams.status).toBe(401);

    const body = 'token=x&team_id=T1&user_id=ULOGS1&command=%2Fcsp&text=help';
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = createHmac('sha256', 'not-the-secret').update(`v0:${timestamp}:${body}`).digest('hex');
    const refused = await fetch(`${bot}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': `v0=${forged}`, 'x-slack-request-timestamp': String(timestamp) },
      body,
    });
    expect(refused.status).toBe(401);

    await cluster.bots[0]!.stop();
    const log = cluster.logs();
    // The scenario was logged: requests (with the link token replaced) and the surfaces line.
    expect(log).toContain('/verify-email/…');
    expect(log).toContain('"url":"/slack/events"');
    expect(log).toContain('serving: Slack');
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, APP_PASSWORD, SMTP_PASSWORD, COOKIE_VALUE, JWT, JWT.split('.')[0], linkToken, forged]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(log).not.toMatch(/v0=[0-9a-f]{64}/);
    expect(log.toLowerCase()).not.toMatch(/"(authorization|cookie|x-slack-signature)"/);
  }, 180_000);
});
