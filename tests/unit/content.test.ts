import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadPack, validatePack } from '../../src/content/load';
import { unwrap } from '../../src/content/markdown';

const fixture = path.resolve(import.meta.dirname, '../fixtures/packs/mini');
const dirs: string[] = [];

/** A writable copy of the mini pack with one file edited. */
function packWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pack-'));
  dirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const CODING = 'problems/coding/picker-scan-longest-distinct-run.md';

describe('content loader', () => {
  it('loads the fixture pack with sections split out', async () => {
    const pack = await loadPack(fixture);
    expect(pack.problems.length).toBe(8);
    const p = pack.problemById.get('picker-scan-longest-distinct-run');
    expect(p?.hints.length).toBeGreaterThanOrEqual(2);
    expect(p?.strongAnswer.L7.length).toBeGreaterThan(150);
    expect(p?.solutionSketch).toContain('O(');
    expect(pack.competencies.map((c) => c.id)).toEqual([
      'coding',
      'system-design',
      'aws',
      'distributed-systems',
      'ai-ml',
    ]);
  });

  it('names the file and the field of a bad level', async () => {
    const dir = packWith(CODING, (t) => t.replace(/^levels: .*$/m, 'levels: [L6, L9]'));
    const { errors } = await validatePack(dir);
    expect(errors).toEqual([
      `${path.relative(process.cwd(), path.join(dir, CODING))}: front matter "levels" item 2: expected L6 or L7`,
    ]);
    await expect(loadPack(dir)).rejects.toBeInstanceOf(ContentError);
  });

  it.each([
    ['a missing section', (t: string) => t.replace('## Hints', '## Clues'), 'section "hints" is missing'],
    [
      'a short prompt',
      (t: string) => t.replace(/## Prompt\n[\s\S]*?\n## /, '## Prompt\nToo short.\n\n## '),
      'section "prompt" is too short',
    ],
    [
      'one follow-up',
      (t: string) =>
        t.replace(/## Follow-ups\n[\s\S]*?\n## /, '## Follow-ups\n- Only one follow-up question here, sadly.\n\n## '),
      'expected at least 2 bullet items, found 1',
    ],
    [
      'an id that is not the file name',
      (t: string) => t.replace(/^id: .*$/m, 'id: another-name'),
      '"another-name" must equal the file name',
    ],
    [
      'a week past the plan',
      (t: string) => t.replace(/^weeks: .*$/m, 'weeks: [5, 25]'),
      "week 25 is past the plan's 24 weeks",
    ],
    [
      'an unknown reference',
      (t: string) => t.replace(/^tags:/m, 'refs: [aws/teleporter]\ntags:'),
      '"aws/teleporter" is not in reference.yaml',
    ],
    [
      'too few examples',
      (t: string) => t.replace(/^examples:[\s\S]*?^---$/m, 'examples:\n  - input: ["a"]\n    output: 1\n---'),
      'a coding problem needs at least 3',
    ],
    ['broken YAML', (t: string) => t.replace(/^title: .*$/m, 'title: [unclosed'), 'front matter is not valid YAML'],
  ])('reports %s', async (_name, edit, expected) => {
    const { errors } = await validatePack(packWith(CODING, edit));
    expect(errors.join('\n')).toContain(expected);
    expect(errors.every((e) => e.includes('picker-scan-longest-distinct-run.md') || e.includes('.yaml'))).toBe(true);
  });

  it('reports duplicate titles across files', async () => {
    const other = 'problems/aws/ec2-instance-family-selection.md';
    const title = /^title: (.*)$/m.exec(readFileSync(path.join(fixture, CODING), 'utf8'))?.[1] ?? '';
    const { errors } = await validatePack(packWith(other, (t) => t.replace(/^title: .*$/m, `title: ${title}`)));
    expect(errors.join('\n')).toMatch(/front matter "title": .* is also used by/);
  });

  it('checks YAML files against their schema and the pack minimums', async () => {
    const dir = packWith('competencies.yaml', (t) => t.replace(/^ {6}L6: 3$/m, '      L6: 7'));
    expect((await validatePack(dir)).errors.join('\n')).toMatch(
      /competencies\.yaml: field "competencies" item 1\.bar\.L6: .*5/,
    );
    const strict = packWith('pack.yaml', (t) => `${t}minimums:\n  problems: 100\n  perWeek: 7\n`);
    const errors = (await validatePack(strict)).errors.join('\n');
    expect(errors).toContain('minimums: 8 problems, the pack promises at least 100');
    expect(errors).toContain('minimums: week 3 has 0 problems, the pack promises at least 7');
  });

  it('joins hard-wrapped lines but keeps lists and code', () => {
    expect(unwrap('one\ntwo\n\n- a\n  b\n- c\n```\nx\ny\n```')).toBe('one two\n\n- a b\n- c\n```\nx\ny\n```');
  });
});
