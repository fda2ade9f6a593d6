/**
 * Splitting Markdown to fit Discord's limits without breaking how it reads: pieces end at the most natural
 * boundary (paragraph, line, sentence, word), never inside `inline code` or a **bold** run when that can be
 * avoided, and a code fence cut in two is closed and reopened so both halves still render as code.
 */

const FENCE_CLOSE = '\n```';

/** Whether a line opens or closes a code fence; returns the opener line (e.g. "```ts") or null. */
function fenceLine(line: string): string | null {
  const m = /^\s*(```\S*)/.exec(line);
  return m?.[1] ?? null;
}

/** The fence still open at the end of `text` (its opener line), given the one open at its start. */
function openFenceAfter(text: string, openAtStart: string | null): string | null {
  let open = openAtStart;
  for (const line of text.split('\n')) {
    const fence = fenceLine(line);
    if (fence) open = open ? null : fence;
  }
  return open;
}

/** The inline marks left open at the end of `text` (outside code fences): `**` and single backticks. */
function openMarks(text: string, openAtStart: string | null): { bold: boolean; code: boolean } {
  let open = openAtStart;
  let bold = 0;
  let ticks = 0;
  for (const line of text.split('\n')) {
    const fence = fenceLine(line);
    if (fence) {
      open = open ? null : fence;
      continue;
    }
    if (open) continue;
    bold += line.split('**').length - 1;
    ticks += line.replaceAll('**', '').split('`').length - 1;
  }
  return { bold: bold % 2 === 1, code: ticks % 2 === 1 };
}

/** Where a piece may end (its length), best first: paragraph, line, sentence, word; all within `limit`. */
function candidates(text: string, limit: number): number[] {
  const found: number[][] = [[], [], [], []];
  for (const m of text.slice(0, limit + 1).matchAll(/\n\n|\n|[.!?:;](?=[ \t])|[ \t]/g)) {
    const rank = m[0] === '\n\n' ? 0 : m[0] === '\n' ? 1 : /[ \t]/.test(m[0]) ? 3 : 2;
    // A sentence keeps its punctuation; the whitespace after a piece is dropped.
    const end = rank === 2 ? m.index + 1 : m.index;
    if (end <= limit) found[rank]?.push(end);
  }
  return found.flatMap((list) => list.reverse());
}

/**
 * Splits `text` into pieces of at most `max` characters (max > 20). A piece that has to end inside a code
 * fence, inline code or bold closes it, and the next piece opens it again.
 */
export function splitMarkdown(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  let fence: string | null = null;
  let reopen = '';
  while (rest.length > 0) {
    const prefix = fence ? `${fence}\n` : reopen;
    if (prefix.length + rest.length <= max) {
      pieces.push(prefix + rest);
      break;
    }
    const limit = max - prefix.length - FENCE_CLOSE.length;
    const minimum = Math.floor(limit / 3);
    const open = fence;
    const balanced = (p: number) => {
      const marks = openMarks(prefix + rest.slice(0, p), null);
      return !marks.bold && !marks.code && !openFenceAfter(rest.slice(0, p), open);
    };
    const positions = candidates(rest, limit).filter((p) => p >= minimum);
    let cut =
      positions.find(balanced) ??
      positions[0] ??
      // No boundary at all (one enormous word): cut hard, but never between the halves of a surrogate pair.
      limit - (/[\uD800-\uDBFF]/.test(rest.charAt(limit - 1)) ? 1 : 0);
    if (cut <= 0) cut = limit;
    let piece = prefix + rest.slice(0, cut).trimEnd();
    const after = openFenceAfter(rest.slice(0, cut), open);
    reopen = '';
    if (after) piece += FENCE_CLOSE;
    else {
      const marks = openMarks(piece, null);
      piece += `${marks.code ? '`' : ''}${marks.bold ? '**' : ''}`;
      reopen = `${marks.bold ? '**' : ''}${marks.code ? '`' : ''}`;
    }
    pieces.push(piece);
    // Inside a fence leading spaces are code: drop only the line break we cut at.
    rest = after ? rest.slice(cut).replace(/^\n/, '') : rest.slice(cut).trimStart();
    fence = after;
  }
  return pieces;
}

/** Cuts to `max` characters with an ellipsis, for short labels where splitting makes no sense. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
