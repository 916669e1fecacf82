/**
 * Builds the Teams app package (`npm run package:teams` → dist/teams-app.zip): manifests/teams
 * with the app id and the bot's public domain filled in, validated against the official schema
 * bundled in @microsoft/app-manifest, with its icons checked (color 192×192, outline 32×32).
 *
 * Needs MICROSOFT_APP_ID (the Azure bot registration's app id) and PUBLIC_URL (https://…).
 * Usage: npm run package:teams [-- --out path/to/app.zip]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import appManifest from '@microsoft/app-manifest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'manifests', 'teams');
const FILES = ['manifest.json', 'color.png', 'outline.png', 'zh-TW.json'];
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

function fail(message: string): never {
  process.stderr.write(`package:teams: ${message}\n`);
  process.exit(1);
}

/** Width and height from a PNG's IHDR chunk, and whether it has an alpha channel. */
function pngInfo(bytes: Buffer): { width: number; height: number; alpha: boolean } {
  if (bytes.subarray(1, 4).toString('ascii') !== 'PNG' || bytes.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), alpha: bytes[25] === 6 || bytes[25] === 4 };
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'dist', 'teams-app.zip'));
  const appId = process.env.MICROSOFT_APP_ID ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appId)) {
    fail(`MICROSOFT_APP_ID must be the bot registration's app id, a GUID such as 00000000-0000-0000-0000-000000000000 (got "${appId}")`);
  }
  let publicUrl: URL;
  try {
    publicUrl = new URL(process.env.PUBLIC_URL ?? '');
  } catch {
    fail("PUBLIC_URL must be the bot's public https URL, such as https://bot.example.com");
  }
  if (publicUrl.protocol !== 'https:') fail(`PUBLIC_URL must use https (Teams only talks to https endpoints); got ${publicUrl.href}`);

  const values: Record<string, string> = {
    MICROSOFT_APP_ID: appId,
    PUBLIC_URL: publicUrl.origin,
    BOT_DOMAIN: publicUrl.host,
  };
  const text = readFileSync(join(source, 'manifest.json'), 'utf8').replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) fail(`manifest.json uses an unknown placeholder \${{${name}}}`);
    return values[name];
  });
  const manifest = JSON.parse(text);
  const errors = await appManifest.AppManifestUtils.validateAgainstSchema(manifest);
  if (errors.length) fail(`manifest.json does not validate against ${manifest.$schema}:\n  ${errors.join('\n  ')}`);

  for (const [name, size] of Object.entries(ICONS)) {
    const info = pngInfo(readFileSync(join(source, name)));
    if (info.width !== size || info.height !== size) fail(`${name} must be ${size}×${size} pixels, not ${info.width}×${info.height}`);
    if (name === 'outline.png' && !info.alpha) fail('outline.png must have a transparent background (an alpha channel)');
  }

  const zip = new AdmZip();
  for (const name of FILES) {
    zip.addFile(name, name === 'manifest.json' ? Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) : readFileSync(join(source, name)));
  }
  mkdirSync(dirname(out), { recursive: true });
  zip.writeZip(out);
  process.stdout.write(`Teams app package written to ${out}\n`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
