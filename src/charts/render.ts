import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAsync } from '@resvg/resvg-js';

/** The bundled font (Inter, SIL OFL 1.1: assets/fonts/OFL.txt), so charts look the same on every machine. */
export const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');
export const FONT_FAMILY = 'Inter';
const FONT_FILES = [path.join(FONT_DIR, 'Inter-Regular.ttf'), path.join(FONT_DIR, 'Inter-SemiBold.ttf')];

/** SVG text -> PNG bytes, rendered off the event loop; system fonts are never consulted. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
    background: '#ffffff',
    logLevel: 'off',
  });
  return new Uint8Array(image.asPng());
}

/** Escapes text for SVG content and attributes. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Rounds coordinates so the SVG stays short and stable. */
export const r1 = (n: number) => Math.round(n * 10) / 10;

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

export const COLORS = {
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  you: '#d97706',
  youFill: '#f59e0b',
  L6: '#2563eb',
  L7: '#7c3aed',
  bar: '#0f766e',
} as const;
