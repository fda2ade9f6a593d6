import type { Image } from '../core/message';
import { COLORS, esc, r1, svgDocument, svgToPng } from './render';

export interface RadarAxis {
  label: string;
  /** The member's rating 1-5, or null when not rated yet (drawn at the centre). */
  value: number | null;
  L6: number;
  L7: number;
}

export interface RadarInput {
  title: string;
  /** Legend line for the member's shape, e.g. "You (target L7): 62%". */
  youLabel: string;
  axes: RadarAxis[];
  filename?: string;
}

export const RADAR_SIZE = { width: 760, height: 560 } as const;
const MAX = 5;

/** Where rating `value` on axis `i` of `n` lies; axis 0 points up, the rest follow clockwise. */
function point(cx: number, cy: number, radius: number, i: number, n: number, value: number) {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (radius * Math.max(0, Math.min(value, MAX))) / MAX;
  return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle), cos: Math.cos(angle), sin: Math.sin(angle) };
}

function polygon(cx: number, cy: number, radius: number, values: number[]): string {
  return values
    .map((v, i) => point(cx, cy, radius, i, values.length, v))
    .map((p) => `${r1(p.x)},${r1(p.y)}`)
    .join(' ');
}

export function radarSvg(input: RadarInput): string {
  const { width, height } = RADAR_SIZE;
  const cx = width / 2;
  const cy = 312;
  const radius = 165;
  const n = input.axes.length;
  const body: string[] = [
    `<text x="28" y="42" font-size="22" font-weight="600" fill="${COLORS.ink}">${esc(input.title)}</text>`,
  ];
  for (let ring = 1; ring <= MAX; ring++) {
    body.push(
      `<polygon points="${polygon(
        cx,
        cy,
        radius,
        input.axes.map(() => ring),
      )}" fill="none" stroke="${COLORS.grid}" stroke-width="1"/>`,
    );
    const p = point(cx, cy, radius, 0, n, ring);
    body.push(`<text x="${r1(p.x + 6)}" y="${r1(p.y + 4)}" font-size="11" fill="${COLORS.muted}">${ring}</text>`);
  }
  input.axes.forEach((axis, i) => {
    const end = point(cx, cy, radius, i, n, MAX);
    body.push(
      `<line x1="${cx}" y1="${cy}" x2="${r1(end.x)}" y2="${r1(end.y)}" stroke="${COLORS.grid}" stroke-width="1"/>`,
    );
    const label = point(cx, cy, radius + 26, i, n, MAX);
    const anchor = Math.abs(label.cos) < 0.2 ? 'middle' : label.cos > 0 ? 'start' : 'end';
    const dy = label.sin < -0.5 ? -4 : label.sin > 0.5 ? 14 : 5;
    const rating = axis.value === null ? 'not rated' : `you ${axis.value}`;
    body.push(
      `<text x="${r1(label.x)}" y="${r1(label.y + dy)}" text-anchor="${anchor}" font-size="14" font-weight="600" fill="${COLORS.ink}">${esc(axis.label)}</text>`,
      `<text x="${r1(label.x)}" y="${r1(label.y + dy + 16)}" text-anchor="${anchor}" font-size="12" fill="${COLORS.muted}">${esc(rating)}</text>`,
    );
  });
  const shape = (key: 'L6' | 'L7', color: string, dash: string) =>
    `<polygon points="${polygon(
      cx,
      cy,
      radius,
      input.axes.map((a) => a[key]),
    )}" fill="none" stroke="${color}" stroke-width="2.5" stroke-dasharray="${dash}"/>`;
  body.push(shape('L6', COLORS.L6, '8 5'), shape('L7', COLORS.L7, '3 4'));
  const you = input.axes.map((a) => a.value ?? 0);
  body.push(
    `<polygon points="${polygon(cx, cy, radius, you)}" fill="${COLORS.youFill}" fill-opacity="0.35" stroke="${COLORS.you}" stroke-width="3"/>`,
  );
  you.forEach((v, i) => {
    const p = point(cx, cy, radius, i, n, v);
    body.push(`<circle cx="${r1(p.x)}" cy="${r1(p.y)}" r="4.5" fill="${COLORS.you}"/>`);
  });
  const legend = [
    { label: input.youLabel, color: COLORS.you, dash: '', width: 4 },
    { label: 'L6 bar', color: COLORS.L6, dash: '8 5', width: 2.5 },
    { label: 'L7 bar', color: COLORS.L7, dash: '3 4', width: 2.5 },
  ];
  let x = 28;
  for (const item of legend) {
    body.push(
      `<line x1="${x}" y1="76" x2="${x + 36}" y2="76" stroke="${item.color}" stroke-width="${item.width}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`,
      `<text x="${x + 46}" y="81" font-size="14" fill="${COLORS.ink}">${esc(item.label)}</text>`,
    );
    // Inter at 14px averages about 7.5px a character; generous, so items never touch.
    x += 46 + item.label.length * 7.5 + 32;
  }
  body.push(
    `<text x="${width - 28}" y="${height - 16}" text-anchor="end" font-size="12" fill="${COLORS.muted}">Self-ratings 1 to 5; a bar is the rating that meets that level.</text>`,
  );
  return svgDocument(width, height, body);
}

/** Words for what the radar shows, for screen readers and text-only clients. */
export function radarAlt(input: RadarInput): string {
  const parts = input.axes.map(
    (a) => `${a.label}: you ${a.value === null ? 'not rated' : a.value}, L6 bar ${a.L6}, L7 bar ${a.L7}`,
  );
  return `${input.title}. ${input.youLabel}. ${parts.join('; ')}.`;
}

/** The readiness radar as a PNG with its alt text. */
export async function renderRadar(input: RadarInput): Promise<Image> {
  return {
    png: await svgToPng(radarSvg(input)),
    alt: radarAlt(input),
    filename: input.filename ?? 'readiness-radar.png',
  };
}
