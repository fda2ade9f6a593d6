import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { simulatePlan } from '../core/selection';
import { listItems, splitFrontMatter, splitSections, unwrap } from './markdown';
import {
  COMPETENCIES,
  checklistFileSchema,
  competenciesFileSchema,
  frontMatterSchema,
  LEVELS,
  type Level,
  type Pack,
  type Problem,
  packSchema,
  planFileSchema,
  referenceFileSchema,
} from './schema';

/** Raised when a pack is invalid; `problems` lists every finding as `path: field: message`. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `content pack is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ContentError';
  }
}

/** Minimum section lengths, in characters; see content/FORMAT.md. */
export const MIN = { prompt: 200, hint: 25, strong: 150, followUp: 25, sketch: 150 } as const;

type Report = (file: string, message: string) => void;

function describePath(p: PropertyKey[]): string {
  const [head, ...rest] = p;
  if (head === undefined) return '';
  const tail = rest.map((k) => (typeof k === 'number' ? ` item ${k + 1}` : `.${String(k)}`)).join('');
  return `"${String(head)}"${tail}`;
}

function check<T>(schema: z.ZodType<T>, data: unknown, file: string, where: string, report: Report): T | undefined {
  if (data === undefined) return undefined; // already reported as missing or unreadable
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = describePath(issue.path);
    report(file, `${where}${field ? ` ${field}` : ''}: ${issue.message}`);
  }
  return undefined;
}

async function readYaml(dir: string, name: string, rel: (p: string) => string, report: Report): Promise<unknown> {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    report(rel(file), 'file is missing');
    return undefined;
  }
  try {
    return parseYaml(await readFile(file, 'utf8'));
  } catch (err) {
    report(rel(file), `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

async function listProblemFiles(dir: string): Promise<string[]> {
  const root = path.join(dir, 'problems');
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function parseProblem(file: string, source: string, relFile: string, report: Report): Problem | undefined {
  const split = splitFrontMatter(source);
  if (!split) {
    report(relFile, 'no YAML front matter (the file must start with a --- block)');
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(split.frontMatter);
  } catch (err) {
    report(relFile, `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const fm = check(frontMatterSchema, data, relFile, 'front matter', report);
  const sections = splitSections(split.body);
  const need = (name: string) => {
    const s = sections.get(name);
    if (!s) report(relFile, `section "${name}" is missing`);
    return s;
  };
  const prompt = unwrap(need('prompt')?.body ?? '');
  if (sections.has('prompt') && prompt.length < MIN.prompt)
    report(relFile, `section "prompt" is too short (${prompt.length} < ${MIN.prompt} characters)`);

  const hintsSection = need('hints');
  const hints = hintsSection ? listItems(hintsSection.body, true) : [];
  if (hintsSection && (hints.length < 2 || hints.length > 3))
    report(relFile, `section "hints": expected 2 or 3 numbered hints, found ${hints.length}`);
  hints.forEach((h, i) => {
    if (h.length < MIN.hint) report(relFile, `section "hints" item ${i + 1} is too short (${h.length} < ${MIN.hint})`);
  });

  const strong = need('what a strong answer covers');
  const strongAnswer = {} as Record<Level, string>;
  for (const level of LEVELS) {
    const body = unwrap(strong?.subsections.get(level) ?? '');
    if (strong && body.length < MIN.strong)
      report(
        relFile,
        `section "what a strong answer covers" needs "### ${level}" of at least ${MIN.strong} characters (found ${body.length})`,
      );
    strongAnswer[level] = body;
  }

  const followSection = need('follow-ups');
  const followUps = followSection ? listItems(followSection.body, false) : [];
  if (followSection && followUps.length < 2)
    report(relFile, `section "follow-ups": expected at least 2 bullet items, found ${followUps.length}`);
  followUps.forEach((f, i) => {
    if (f.length < MIN.followUp)
      report(relFile, `section "follow-ups" item ${i + 1} is too short (${f.length} < ${MIN.followUp})`);
  });

  const sketchBody = sections.get('solution sketch')?.body;
  const sketch = sketchBody === undefined ? undefined : unwrap(sketchBody);
  if (!fm) return undefined;

  const id = path.basename(file, '.md');
  if (fm.id !== id) report(relFile, `front matter "id": "${fm.id}" must equal the file name "${id}"`);
  const folder = path.basename(path.dirname(file));
  if (folder !== fm.competency)
    report(relFile, `front matter "competency": "${fm.competency}" but the file is under problems/${folder}/`);
  if (fm.kind === 'coding') {
    if (!fm.examples || fm.examples.length < 3)
      report(relFile, `front matter "examples": a coding problem needs at least 3 (found ${fm.examples?.length ?? 0})`);
    if (sketch === undefined) report(relFile, 'section "solution sketch" is missing (required for coding)');
    else if (sketch.length < MIN.sketch || !sketch.includes('O('))
      report(
        relFile,
        `section "solution sketch" must be at least ${MIN.sketch} characters and name the complexity with O(...)`,
      );
    if (!existsSync(solutionPath(file)))
      report(relFile, `reference solution ${path.basename(solutionPath(file))} is missing`);
  } else if (fm.examples) {
    report(relFile, 'front matter "examples": only coding problems carry examples');
  }
  return { ...fm, path: file, prompt, hints, strongAnswer, followUps, ...(sketch ? { solutionSketch: sketch } : {}) };
}

/** The reference solution beside a coding problem's Markdown file. */
export function solutionPath(problemFile: string): string {
  return problemFile.replace(/\.md$/, '.solution.ts');
}

/** Loads and validates a pack; throws ContentError listing every problem found. */
export async function loadPack(dir: string): Promise<Pack> {
  const { pack, errors } = await validatePack(dir);
  if (!pack || errors.length > 0) throw new ContentError(errors);
  return pack;
}

/** Validates every file and cross-reference of a pack, collecting all findings. */
export async function validatePack(dir: string): Promise<{ pack?: Pack; errors: string[] }> {
  const errors: string[] = [];
  const cwd = process.cwd();
  const rel = (p: string) => path.relative(cwd, p) || p;
  const report: Report = (file, message) => errors.push(`${file}: ${message}`);
  if (!existsSync(dir)) return { errors: [`${rel(dir)}: content pack folder does not exist`] };

  const f = (name: string) => rel(path.join(dir, name));
  const yamlFile = async <T>(schema: z.ZodType<T>, name: string) =>
    check(schema, await readYaml(dir, name, rel, report), f(name), 'field', report);
  const meta = await yamlFile(packSchema, 'pack.yaml');
  const comps = await yamlFile(competenciesFileSchema, 'competencies.yaml');
  const plan = await yamlFile(planFileSchema, 'plan.yaml');
  const checklist = await yamlFile(checklistFileSchema, 'checklist.yaml');
  const reference = await yamlFile(referenceFileSchema, 'reference.yaml');

  const problems: Problem[] = [];
  for (const file of await listProblemFiles(dir)) {
    const problem = parseProblem(file, await readFile(file, 'utf8'), rel(file), report);
    if (problem) problems.push(problem);
  }
  if (!meta || !comps || !plan || !checklist || !reference) return { errors };

  // Cross-references: everything a problem or plan names must exist.
  const levels = new Set<string>(meta.levels);
  if (!levels.has(meta.defaultLevel))
    report(f('pack.yaml'), `field "defaultLevel": ${meta.defaultLevel} is not in "levels"`);
  const compIds = comps.competencies.map((c) => c.id);
  for (const c of COMPETENCIES)
    if (!compIds.includes(c)) report(f('competencies.yaml'), `competency "${c}" is missing`);
  if (new Set(compIds).size !== compIds.length) report(f('competencies.yaml'), 'competency ids must be unique');
  for (const c of comps.competencies)
    for (const level of meta.levels)
      for (const key of ['requirements', 'weights', 'bar'] as const)
        if (c[key][level] === undefined)
          report(f('competencies.yaml'), `competency "${c.id}" field "${key}": ${level} is missing`);

  plan.weeks.forEach((w, i) => {
    if (w.week !== i + 1)
      report(
        f('plan.yaml'),
        `field "weeks" item ${i + 1}: week is ${w.week}, expected ${i + 1} (weeks are listed in order)`,
      );
  });
  const weekCount = plan.weeks.length;
  const seenItems = new Set<string>();
  for (const item of checklist.items) {
    if (seenItems.has(item.id)) report(f('checklist.yaml'), `item "${item.id}" is listed twice`);
    seenItems.add(item.id);
    if (!levels.has(item.level))
      report(f('checklist.yaml'), `item "${item.id}" level ${item.level} is not a level of this pack`);
  }
  const refIds = new Set([
    ...reference.awsServices.map((s) => `aws/${s.id}`),
    ...reference.concepts.map((s) => `concept/${s.id}`),
    ...reference.security.map((s) => `security/${s.id}`),
  ]);

  const ids = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const p of problems) {
    const r = rel(p.path);
    const dupId = ids.get(p.id);
    if (dupId) report(r, `front matter "id": "${p.id}" is also used by ${dupId}`);
    ids.set(p.id, r);
    const key = p.title.toLowerCase();
    const dupTitle = titles.get(key);
    if (dupTitle) report(r, `front matter "title": "${p.title}" is also used by ${dupTitle}`);
    titles.set(key, r);
    for (const w of p.weeks)
      if (w > weekCount) report(r, `front matter "weeks": week ${w} is past the plan's ${weekCount} weeks`);
    for (const l of p.levels) if (!levels.has(l)) report(r, `front matter "levels": ${l} is not a level of this pack`);
    for (const ref of p.refs ?? [])
      if (!refIds.has(ref)) report(r, `front matter "refs": "${ref}" is not in reference.yaml`);
  }

  const min = meta.minimums;
  if (min) {
    const packFile = f('pack.yaml');
    if (min.problems !== undefined && problems.length < min.problems)
      report(packFile, `minimums: ${problems.length} problems, the pack promises at least ${min.problems}`);
    for (const [kind, need] of Object.entries(min.kinds ?? {})) {
      const have = problems.filter((p) => p.kind === kind).length;
      if (need !== undefined && have < need)
        report(packFile, `minimums: ${have} problems of kind ${kind}, the pack promises at least ${need}`);
    }
    if (min.perWeek !== undefined) {
      let enough = true;
      for (let w = 1; w <= weekCount; w++) {
        const have = problems.filter((p) => p.weeks.includes(w)).length;
        if (have < min.perWeek) {
          enough = false;
          report(packFile, `minimums: week ${w} has ${have} problems, the pack promises at least ${min.perWeek}`);
        }
      }
      // Enough per week is not enough overall when weeks share problems: play the plan through.
      if (enough)
        for (const level of meta.levels) {
          const short = simulatePlan({ meta, plan: plan.weeks, problems } as unknown as Pack, level, min.perWeek);
          if (short.length > 0)
            report(
              packFile,
              `minimums: a ${level} group posting ${min.perWeek} a week runs out of fresh on-focus problems in weeks ${short.join(', ')}`,
            );
        }
    }
  }

  const pack: Pack = {
    meta,
    dir,
    competencies: COMPETENCIES.map((id) => comps.competencies.find((c) => c.id === id)).filter((c) => c !== undefined),
    plan: plan.weeks,
    checklist: checklist.items,
    reference,
    problems,
    problemById: new Map(problems.map((p) => [p.id, p])),
  };
  return { pack, errors };
}
