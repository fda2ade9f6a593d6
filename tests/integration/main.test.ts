import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'bar-raiser-main-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `npm start`'s entry point as a separate process with the given environment and input. */
function start(
  env: Record<string, string>,
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: path.join(scratch, 'data'),
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start', () => {
  it('refuses an invalid environment with every problem, exit code 2 and no stack trace', async () => {
    const r = await start({ DATABASE_URL: 'mysql://nope', DEFAULT_TIMEZONE: 'Mars/Base' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DATABASE_URL is not a postgres:// or postgresql:// URL');
    expect(r.stderr).toContain('DEFAULT_TIMEZONE "Mars/Base" is not an IANA time zone; try Europe/Berlin');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start on an invalid content pack, naming the file and field', async () => {
    const packs = path.join(scratch, 'packs');
    cpSync(path.join(root, 'tests/fixtures/packs/mini'), path.join(packs, 'mini'), { recursive: true });
    writeFileSync(path.join(packs, 'mini/problems/aws/broken.md'), '---\nid: broken\nlevels: [L9]\n---\n');
    const r = await start({ CONTENT_DIR: packs, CONTENT_PACK: 'mini' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refuses to start on an invalid content pack');
    expect(r.stderr).toMatch(/problems\/aws\/broken\.md: front matter "levels" item 1: expected L6 or L7/);
    expect(r.stdout).not.toContain('Bar Raiser console');
  });

  it('starts the console on embedded Postgres and answers commands from stdin', async () => {
    const r = await start(
      { CONTENT_DIR: path.join(root, 'tests/fixtures/packs'), CONTENT_PACK: 'mini' },
      '/daily\n:quit\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Bar Raiser console.');
    expect(r.stdout).toMatch(/Today's problem: /);
    expect(r.stderr).toBe('');
  });
});
