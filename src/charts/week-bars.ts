import type { Image } from '../core/message';
import { COLORS, esc, r1, svgDocument, svgToPng } from './render';

export interface WeekBar {
  /** Short label under the bar, e.g. "Mon 23". */
  label: string;
  value: number;
}

export interface WeekBarsInput {
  title: string;
  /** What a bar counts, e.g. "problems done"; used on the axis and in the alt text. */
  unit: string;
  bars: WeekBar[];
  /** A second line under the title, e.g. the dates covered. */
  subtitle?: string;
  filename?: string;
}

export const WEEK_BARS_SIZE = { width: 760, height: 420 } as const;

/** A round axis maximum at or above `max` (1, 2, 5 × 10^k) with whole-number steps. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  return { top: Math.ceil(max / step) * step, step };
}

export function weekBarsSvg(input: WeekBarsInput): string {
  const { width, height } = WEEK_BARS_SIZE;
  const left = 70;
  const right = width - 30;
  const top = input.subtitle ? 100 : 80;
  const bottom = height - 60;
  const { top: maxValue, step } = niceScale(Math.max(0, ...input.bars.map((b) => b.value)));
  const y = (v: number) => bottom - ((bottom - top) * v) / maxValue;
  const body: string[] = [
    `<text x="28" y="42" font-size="22" font-weight="600" fill="${COLORS.ink}">${esc(input.title)}</text>`,
  ];
  if (input.subtitle)
    body.push(`<text x="28" y="68" font-size="14" fill="${COLORS.muted}">${esc(input.subtitle)}</text>`);
  for (let v = 0; v <= maxValue; v += step) {
    body.push(
      `<line x1="${left}" y1="${r1(y(v))}" x2="${right}" y2="${r1(y(v))}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      `<text x="${left - 10}" y="${r1(y(v) + 4)}" text-anchor="end" font-size="12" fill="${COLORS.muted}">${v}</text>`,
    );
  }
  body.push(
    `<text x="20" y="${r1((top + bottom) / 2)}" font-size="12" fill="${COLORS.muted}" text-anchor="middle" transform="rotate(-90 20 ${r1((top + bottom) / 2)})">${esc(input.unit)}</text>`,
  );
  const slot = (right - left) / Math.max(input.bars.length, 1);
  const barWidth = Math.min(64, slot * 0.6);
  input.bars.forEach((bar, i) => {
    const x = left + slot * i + (slot - barWidth) / 2;
    const h = bottom - y(Math.max(bar.value, 0));
    const mid = r1(x + barWidth / 2);
    body.push(
      `<rect x="${r1(x)}" y="${r1(bottom - h)}" width="${r1(barWidth)}" height="${r1(h)}" rx="3" fill="${COLORS.bar}"/>`,
      `<text x="${mid}" y="${r1(bottom - h - 8)}" text-anchor="middle" font-size="13" font-weight="600" fill="${COLORS.ink}">${bar.value}</text>`,
      `<text x="${mid}" y="${bottom + 24}" text-anchor="middle" font-size="13" fill="${COLORS.ink}">${esc(bar.label)}</text>`,
    );
  });
  body.push(
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${COLORS.muted}" stroke-width="1.5"/>`,
  );
  return svgDocument(width, height, body);
}

export function weekBarsAlt(input: WeekBarsInput): string {
  const total = input.bars.reduce((sum, b) => sum + b.value, 0);
  const values = input.bars.map((b) => `${b.label} ${b.value}`).join(', ');
  return `${input.title}${input.subtitle ? ` (${input.subtitle})` : ''}: bar chart of ${input.unit}. ${values}. Total ${total}.`;
}

/** The group's week as a bar chart (e.g. problems done per day), for the weekly digest. */
export async function renderWeekBars(input: WeekBarsInput): Promise<Image> {
  return {
    png: await svgToPng(weekBarsSvg(input)),
    alt: weekBarsAlt(input),
    filename: input.filename ?? 'group-week.png',
  };
}
