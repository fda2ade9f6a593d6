/** Splits Markdown into `## ` sections (and `### ` subsections), keyed by lower-cased heading. */
export interface Section {
  body: string;
  subsections: Map<string, string>;
}

export function splitFrontMatter(source: string): { frontMatter: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) return null;
  return { frontMatter: match[1] ?? '', body: match[2] ?? '' };
}

export function splitSections(body: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: { name: string; lines: string[]; sub: Map<string, string[]>; subName?: string } | null = null;
  const flush = () => {
    if (!current) return;
    const subsections = new Map<string, string>();
    for (const [k, v] of current.sub) subsections.set(k, v.join('\n').trim());
    sections.set(current.name, { body: current.lines.join('\n').trim(), subsections });
  };
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    // Headings inside code fences are code, not structure.
    if (/^\s*```/.test(line)) inFence = !inFence;
    const h2 = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h2 && !line.startsWith('###')) {
      flush();
      current = { name: (h2[1] ?? '').toLowerCase(), lines: [], sub: new Map() };
      continue;
    }
    if (!current) continue;
    const h3 = !inFence && /^###\s+(.+?)\s*#*\s*$/.exec(line);
    if (h3) {
      current.subName = (h3[1] ?? '').trim();
      current.sub.set(current.subName, []);
    } else if (current.subName) {
      current.sub.get(current.subName)?.push(line);
    }
    current.lines.push(line);
  }
  flush();
  return sections;
}

/** The items of a Markdown list (numbered or bulleted), continuation lines folded in. */
export function listItems(body: string, ordered: boolean): string[] {
  const marker = ordered ? /^\s{0,3}\d+[.)]\s+(.*)$/ : /^\s{0,3}[-*+]\s+(.*)$/;
  const items: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const m = marker.exec(line);
    if (m) items.push(m[1] ?? '');
    else if (items.length > 0 && line.trim() !== '') items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.map((i) => i.trim());
}

/**
 * Joins hard-wrapped lines into their paragraph or list item. Chat platforms show every newline, so a
 * file wrapped at 100 columns would otherwise read as ragged lines. Code fences are left untouched.
 */
export function unwrap(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  let joinable = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push(line);
      joinable = false;
      continue;
    }
    const startsBlock = /^\s*([-*+]|\d+[.)]|#{1,6}|>|\|)\s/.test(line) || /^\s*\|/.test(line);
    if (!inFence && joinable && line.trim() !== '' && !startsBlock) {
      out[out.length - 1] = `${out[out.length - 1]} ${line.trim()}`;
      continue;
    }
    out.push(line);
    joinable = !inFence && line.trim() !== '' && !/^\s*\|/.test(line) && !/^#{1,6}\s/.test(line);
  }
  return out.join('\n');
}
