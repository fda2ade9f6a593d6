import { existsSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RADAR_SIZE, radarSvg, renderRadar } from '../../src/charts/radar';
import { esc, FONT_DIR, svgDocument, svgToPng } from '../../src/charts/render';
import { niceScale, renderWeekBars, WEEK_BARS_SIZE } from '../../src/charts/week-bars';

/** Checks the PNG's structure (signature, chunk CRCs, IHDR, IDAT, IEND) and returns its size. */
function readPng(png: Uint8Array): { width: number; height: number; colourType: number } {
  const buf = Buffer.from(png);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    expect(buf.readUInt32BE(offset + 8 + length)).toBe(crc32(buf.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IDAT') idat.push(data);
    chunks.push(type);
    offset += 12 + length;
  }
  expect(chunks[0]).toBe('IHDR');
  expect(chunks.at(-1)).toBe('IEND');
  expect(idat.length).toBeGreaterThan(0);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25] ?? -1;
  // The image data inflates to one filter byte plus the pixels per row.
  const bytesPerPixel = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * bytesPerPixel));
  return { width, height, colourType };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const axes = [
  { label: 'Coding', value: 3, L6: 3, L7: 2 },
  { label: 'System Design', value: 2, L6: 3, L7: 4 },
  { label: 'AWS', value: 3, L6: 3, L7: 4 },
  { label: 'Distributed Systems', value: 1, L6: 3, L7: 4 },
  { label: 'AI/ML', value: null, L6: 2, L7: 4 },
];

describe('charts', () => {
  it('bundles its font and licence', () => {
    expect(existsSync(path.join(FONT_DIR, 'Inter-Regular.ttf'))).toBe(true);
    expect(existsSync(path.join(FONT_DIR, 'OFL.txt'))).toBe(true);
  });

  it('renders the readiness radar as a valid PNG of the expected size, with alt text', async () => {
    const image = await renderRadar({ title: 'Readiness: alice', youLabel: 'You (target L7): 54%', axes });
    expect(readPng(image.png)).toMatchObject(RADAR_SIZE);
    expect(image.filename).toMatch(/\.png$/);
    expect(image.alt).toBe(
      'Readiness: alice. You (target L7): 54%. Coding: you 3, L6 bar 3, L7 bar 2; System Design: you 2, L6 bar 3, L7 bar 4; AWS: you 3, L6 bar 3, L7 bar 4; Distributed Systems: you 1, L6 bar 3, L7 bar 4; AI/ML: you not rated, L6 bar 2, L7 bar 4.',
    );
  });

  it('draws the member, L6 and L7 shapes and every axis label', () => {
    const svg = radarSvg({ title: 'T', youLabel: 'You', axes });
    expect(svg.match(/<polygon /g)).toHaveLength(5 + 3); // five grid rings, L6, L7, you
    for (const a of axes) expect(svg).toContain(`>${a.label}</text>`);
    expect(svg).toContain('>not rated</text>');
  });

  it('renders the group-week bar chart as a valid PNG of the expected size, with alt text', async () => {
    const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const image = await renderWeekBars({
      title: 'Week 5 in #study',
      subtitle: '2026-11-23 to 2026-11-29',
      unit: 'problems done',
      bars: days.map((label, i) => ({ label, value: [3, 7, 12, 0, 5, 2, 9][i] ?? 0 })),
    });
    expect(readPng(image.png)).toMatchObject(WEEK_BARS_SIZE);
    expect(image.alt).toBe(
      'Week 5 in #study (2026-11-23 to 2026-11-29): bar chart of problems done. Mon 3, Tue 7, Wed 12, Thu 0, Fri 5, Sat 2, Sun 9. Total 38.',
    );
    expect(image.filename).toBe('group-week.png');
  });

  it('renders an empty week without dividing by zero', async () => {
    const image = await renderWeekBars({
      title: 'Quiet week',
      unit: 'problems done',
      bars: [{ label: 'Mon', value: 0 }],
    });
    expect(readPng(image.png)).toMatchObject(WEEK_BARS_SIZE);
  });

  it('draws text with the bundled font even though system fonts are never loaded', async () => {
    const withText = await svgToPng(svgDocument(200, 60, ['<text x="10" y="40" font-size="24">Bar Raiser</text>']));
    const without = await svgToPng(svgDocument(200, 60, []));
    expect(Buffer.from(withText).equals(Buffer.from(without))).toBe(false);
  });

  it('has a real semibold face: weight 600 draws differently from 400', async () => {
    const at = (weight: number) =>
      svgToPng(svgDocument(200, 60, [`<text x="10" y="40" font-size="24" font-weight="${weight}">Bar Raiser</text>`]));
    expect(Buffer.from(await at(600)).equals(Buffer.from(await at(400)))).toBe(false);
  });

  it('escapes names so a member called <script> & co cannot break the SVG', () => {
    expect(esc(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
    expect(radarSvg({ title: 'Readiness: <b>&', youLabel: 'You', axes })).toContain('Readiness: &lt;b&gt;&amp;');
  });

  it('picks round axis scales', () => {
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(12)).toEqual({ top: 15, step: 5 });
    expect(niceScale(38)).toEqual({ top: 40, step: 10 });
    expect(niceScale(180)).toEqual({ top: 200, step: 50 });
  });
});
