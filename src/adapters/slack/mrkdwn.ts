// The core writes Markdown (**bold**, _italic_, `code`, [label](url), `- ` lists, fenced code). Slack's
// mrkdwn differs: *bold*, <url|label>, no headings or list syntax, and &, <, > must be escaped or Slack
// reads them as its own markup.

import { parseScopedId } from './ids';

/** Escapes the three characters Slack treats as markup. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>|]+$/i;

/** A mention the core wrote as `<@slack:T1/U2>`; other platforms' members are shown by name. */
function mention(id: string): string {
  const scoped = parseScopedId(id);
  if (scoped) return `<@${scoped.id}>`;
  return escapeMrkdwn(`@${id.replace(/^[a-z]+:/, '')}`);
}

// One pass over a line: each alternative is one Markdown construct, tried left to right, so code spans
// win over emphasis inside them and nothing is converted twice.
const INLINE =
  /(`+)([^`][\s\S]*?)\1(?!`)|\*\*(.+?)\*\*|__(.+?)__|~~(.+?)~~|\[([^\]]+)\]\(([^()\s]+)\)|<@([^<>\s]+)>|<(https?:\/\/[^<>\s|]+)>|(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])|([&<>])/g;

export function inlineMrkdwn(line: string): string {
  return line.replace(
    INLINE,
    (
      _all,
      _ticks: string | undefined,
      code: string | undefined,
      bold: string | undefined,
      boldUnderscore: string | undefined,
      strike: string | undefined,
      label: string | undefined,
      url: string | undefined,
      mentioned: string | undefined,
      autolink: string | undefined,
      italic: string | undefined,
      special: string | undefined,
    ) => {
      if (code !== undefined) return `\`${escapeMrkdwn(code.replace(/`/g, "'"))}\``;
      if (bold !== undefined) return `*${inlineMrkdwn(bold)}*`;
      if (boldUnderscore !== undefined) return `*${inlineMrkdwn(boldUnderscore)}*`;
      if (strike !== undefined) return `~${inlineMrkdwn(strike)}~`;
      if (label !== undefined && url !== undefined) {
        const text = inlineMrkdwn(label).replace(/\|/g, '/');
        return SAFE_URL.test(url) ? `<${escapeMrkdwn(url)}|${text}>` : `${text} (${escapeMrkdwn(url)})`;
      }
      if (mentioned !== undefined) return mention(mentioned);
      if (autolink !== undefined) return `<${escapeMrkdwn(autolink)}>`;
      if (italic !== undefined) return `_${inlineMrkdwn(italic)}_`;
      return escapeMrkdwn(special ?? '');
    },
  );
}

/** Markdown -> Slack mrkdwn, line by line; fenced code is kept verbatim (escaped), without a language tag. */
export function toMrkdwn(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push('```');
      continue;
    }
    if (inFence) {
      out.push(escapeMrkdwn(line));
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (heading) out.push(`*${inlineMrkdwn(heading[1] ?? '')}*`);
    else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) out.push('──────────');
    else if (bullet) out.push(`${bullet[1] ?? ''}• ${inlineMrkdwn(bullet[2] ?? '')}`);
    // A quote's leading ">" must stay literal: it is the one place Slack wants it unescaped.
    else if (quote) out.push(`> ${inlineMrkdwn(quote[1] ?? '')}`);
    else out.push(inlineMrkdwn(line));
  }
  if (inFence) out.push('```');
  return out.join('\n');
}

/** Markdown -> plain text, for Slack's plain_text fields (headers, buttons, options) and notification text. */
export function toPlain(markdown: string): string {
  return markdown
    .replace(/^\s*```.*$/gm, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*(.+?)\*\*|__(.+?)__|~~(.+?)~~/g, (_m, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '')
    .replace(/\[([^\]]+)\]\(([^()\s]+)\)/g, '$1')
    .replace(/<@([^<>\s]+)>/g, (_m, id: string) => `@${parseScopedId(id)?.id ?? id.replace(/^[a-z]+:/, '')}`)
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ');
}
