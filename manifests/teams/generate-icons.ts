/**
 * Draws the Teams app icons and writes them as PNG (run: `npx tsx manifests/teams/generate-icons.ts`;
 * the PNGs are committed). Teams wants a full-colour 192×192 icon and a 32×32 outline icon that is
 * white on a transparent background. The mark: two linked rings (a provider and a reseller).
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Pixel = [number, number, number, number];
type Painter = (x: number, y: number) => Pixel;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (colour type 6), each scanline unfiltered. */
export function encodePng(width: number, height: number, paint: Painter): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage (0..1) of two linked rings at (x, y) in a unit square, supersampled for smooth edges. */
function rings(x: number, y: number, size: number): number {
  const samples = 4;
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const u = (x + (sx + 0.5) / samples) / size;
      const v = (y + (sy + 0.5) / samples) / size;
      const onRing = (cx: number) => Math.abs(Math.hypot(u - cx, v - 0.5) - 0.2) < 0.055;
      if (onRing(0.37) || onRing(0.63)) hits++;
    }
  }
  return hits / (samples * samples);
}

const blue: Pixel = [15, 108, 189, 255];
const mix = (a: number, from: Pixel, to: Pixel): Pixel => from.map((c, i) => Math.round(c + (to[i] - c) * a)) as Pixel;

const color = encodePng(192, 192, (x, y) => mix(rings(x, y, 192), blue, [255, 255, 255, 255]));
const outline = encodePng(32, 32, (x, y) => [255, 255, 255, Math.round(255 * rings(x, y, 32))]);

const here = new URL('.', import.meta.url);
writeFileSync(new URL('color.png', here), color);
writeFileSync(new URL('outline.png', here), outline);
