import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../src/core');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('architecture', () => {
  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('src/core/%s imports no platform or cron library', (file) => {
    const source = readFileSync(path.join(root, file), 'utf8');
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const forbidden of ['@slack/bolt', '@slack/web-api', 'discord.js', '@discordjs/', 'node-cron', '/adapters/']) {
      expect(imports.filter((i) => i?.includes(forbidden))).toEqual([]);
    }
  });
});
