import type { Message } from '../../core/message';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  code(s: string): string;
  title(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const colour: Style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  code: ansi(36, 39),
  title: (s) => `\u001b[1;33m${s}\u001b[0m`,
};
export const plain: Style = { bold: (s) => s, dim: (s) => s, code: (s) => s, title: (s) => s };

/** Markdown inline marks -> terminal styles; links keep their address in brackets. */
export function inline(md: string, style: Style): string {
  return md
    .replace(/\*\*(.+?)\*\*/g, (_, s: string) => style.bold(s))
    .replace(/`([^`]+)`/g, (_, s: string) => style.code(s))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => `${label} <${url}>`)
    .replace(/<@([^>]+)>/g, (_, id: string) => `@${id.replace(/^console:/, '')}`);
}

/** A Message as readable terminal text; buttons are numbered for `:click N`. */
export function renderMessage(message: Message, style: Style, header?: string, imagePath?: string): string {
  const out: string[] = [];
  if (header) out.push(style.dim(header));
  if (message.title) out.push(style.title(message.title));
  for (const block of message.blocks) {
    switch (block.type) {
      case 'text':
        out.push(inline(block.text, style));
        break;
      case 'context':
        out.push(style.dim(inline(block.text, plain)));
        break;
      case 'fields':
        out.push(block.fields.map((f) => `${style.bold(f.label)}: ${inline(f.value, style)}`).join('   '));
        break;
      case 'divider':
        out.push(style.dim('─'.repeat(40)));
        break;
    }
  }
  if (message.image)
    out.push(style.dim(`[image: ${message.image.alt}]${imagePath ? `\n  saved to ${imagePath}` : ''}`));
  if (message.buttons?.length) {
    out.push(message.buttons.map((b, i) => `[${i + 1}] ${b.label}`).join('  '));
    out.push(style.dim('(:click N presses a button)'));
  }
  return out.join('\n');
}
