import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createWebAdapter } from '../../adapters/web/index.js';
import { mountMetrics } from '../../app/metrics.js';
import { createTurnQueue } from '../../adapters/shared/turn-queue.js';
import { createHarness, persona, type Harness } from '../support/core-harness.js';
import { silentLogger } from '../support/database.js';
import { enrollThroughSummary, openVerification, press, usAnswersFor, verificationToken } from '../support/enrollment-driver.js';

/**
 * The pages anyone reaches over real HTTP, with and without the playground: the Teams manifest's URLs,
 * privacy and terms in both languages, /metrics, and link paths that are malformed, unknown or used.
 */
describe.each([
  ['production (no playground)', false],
  ['the playground', true],
])('public pages in %s', (_label, playground) => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await createHarness({ label: playground ? 'pubplay' : 'pubprod' });
    const app = express();
    mountMetrics(app, {
      queue: createTurnQueue({ concurrency: 1, capacity: 1, logger: silentLogger }),
      audit: h.core.services.audit,
      connection: h.database.connection,
      logger: silentLogger,
    });
    createWebAdapter({ playground }, { core: h.core, logger: silentLogger }).mount(app);
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await h.close();
  });

  it('serves every ${{PUBLIC_URL}} address of the Teams manifest', async () => {
    const manifest = readFileSync(new URL('../../manifests/teams/manifest.json', import.meta.url), 'utf8');
    const paths = [...manifest.matchAll(/"\$\{\{PUBLIC_URL\}\}(\/[^"]*)"/g)].map((match) => match[1]);
    expect(paths).toEqual(expect.arrayContaining(['/', '/privacy', '/terms']));
    for (const path of paths) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('says what is stored and whom to ask, in English and Traditional Chinese', async () => {
    const en = await (await fetch(`${base}/privacy`, { headers: { 'accept-language': 'en' } })).text();
    expect(en).toMatch(/Chat identities/);
    expect(en).toMatch(/audit log/i);
    expect(en).toMatch(/never asks for or stores passwords/);
    expect(en).toMatch(/contact the operator/);
    const zh = await (await fetch(`${base}/privacy`, { headers: { cookie: 'csp_lang=zh-TW' } })).text();
    expect(zh).toContain('lang="zh-Hant-TW"');
    expect(zh).toContain('稽核記錄');
    expect(zh).toContain('密碼');
    const terms = await (await fetch(`${base}/terms`, { headers: { 'accept-language': 'zh-TW' } })).text();
    expect(terms).toContain('使用條款');
    if (!playground) {
      const home = await (await fetch(`${base}/`)).text();
      expect(home).toContain('href="/privacy"');
      expect(home).toContain('href="/terms"');
      expect(home).not.toMatch(/— playground|persona/i);
    }
  });

  it('serves /metrics as Prometheus text and /metrics.json as before', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE csp_bot_turns_running gauge');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    const json = await (await fetch(`${base}/metrics.json`)).json();
    expect(json.turns).toMatchObject({ running: 0, waiting: 0, refused: 0, concurrency: 1, capacity: 1 });
    expect(json.memory.rssMb).toBeGreaterThan(0);
  });

  it.each([
    ['/invitations/%E0%A4%A', 400],
    [`/invitations/${'x'.repeat(5000)}%00%ff`, 400],
    ['/verify-email/%', 400],
    [`/invitations/${'x'.repeat(5000)}`, 404],
    ['/invitations/not-a-token', 404],
    ['/verify-email/a/b/c', 404],
    [`/invitations/${'A'.repeat(42)}*`, 404],
  ])('answers %s with %i and an HTML page', async (path, status) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).not.toMatch(/URIError|at .*\.js:\d+/);
  });

  it('answers an unknown link 404 and a used one 410 before anyone is known', async () => {
    const unknown = await fetch(`${base}/verify-email/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This link is not valid');

    const mei = persona(`mei-${playground}`);
    const email = `mei.${playground}@contoso.example`;
    await press(h, mei, await enrollThroughSummary(h, mei, usAnswersFor(email)), 'enrollment.submit');
    const token = await verificationToken(h, email);
    if (playground) {
      // A usable link, opened with no persona picked: the playground asks who opens it.
      const pick = await fetch(`${base}/verify-email/${token}`);
      expect(pick.status).toBe(200);
      expect(await pick.text()).toContain('Pick who you are');
    }
    expect((await openVerification(h, mei, token)).status).toBe(200);
    const used = await fetch(`${base}/verify-email/${token}`);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('This link can no longer be used');
  });
});
