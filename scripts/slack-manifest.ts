// `npm run slack:manifest`: writes slack-manifest.json (the committed manifest, placeholder URL) from the
// command registry. `npm run slack:manifest -- --url https://bot.example.org` prints a manifest with your
// own URL instead, and `--socket-mode` one for Socket Mode (no request URLs); neither touches the file.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { manifestJson, PLACEHOLDER_URL } from '../src/adapters/slack/manifest';
import { commands } from '../src/core/commands/index';

export const MANIFEST_FILE = path.resolve(import.meta.dirname, '../slack-manifest.json');

const argsSchema = z.object({
  url: z.url({ protocol: /^https$/, error: '--url must be an https:// URL (Slack only calls https)' }).optional(),
  socketMode: z.boolean(),
});

function parseArgs(argv: string[]) {
  const at = argv.indexOf('--url');
  const unknown = argv.filter((a, i) => a.startsWith('--') && !['--url', '--socket-mode'].includes(a) && i !== at + 1);
  if (unknown.length) throw new Error(`unknown option ${unknown.join(', ')}; use --url https://… and/or --socket-mode`);
  return argsSchema.parse({ url: at >= 0 ? argv[at + 1] : undefined, socketMode: argv.includes('--socket-mode') });
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (!args.url && !args.socketMode) {
    writeFileSync(MANIFEST_FILE, manifestJson(commands, { baseUrl: PLACEHOLDER_URL }));
    process.stdout.write(`wrote ${path.relative(process.cwd(), MANIFEST_FILE)} (${commands.length} commands)\n`);
  } else {
    process.stdout.write(manifestJson(commands, { baseUrl: args.url ?? PLACEHOLDER_URL, socketMode: args.socketMode }));
  }
} catch (err) {
  const message = err instanceof z.ZodError ? err.issues.map((i) => i.message).join('; ') : String(err);
  process.stderr.write(`slack:manifest: ${message}\n`);
  process.exit(2);
}
