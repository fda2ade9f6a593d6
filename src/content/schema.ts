import { z } from 'zod';

/** Target levels a pack may use. */
export const LEVELS = ['L6', 'L7'] as const;
export const levelSchema = z.enum(LEVELS, { error: 'expected L6 or L7' });
export type Level = z.infer<typeof levelSchema>;

/** The five competencies of the matrix, in display order. */
export const COMPETENCIES = ['coding', 'system-design', 'aws', 'distributed-systems', 'ai-ml'] as const;
export const competencySchema = z.enum(COMPETENCIES, {
  error: `expected one of ${COMPETENCIES.join(', ')}`,
});
export type CompetencyId = z.infer<typeof competencySchema>;

/** What sort of exercise a problem is; see content/FORMAT.md. */
export const KINDS = [
  'coding',
  'system-design',
  'aws-scenario',
  'distributed-systems',
  'ai-ml',
  'security',
  'leadership',
] as const;
export const kindSchema = z.enum(KINDS, { error: `expected one of ${KINDS.join(', ')}` });
export type Kind = z.infer<typeof kindSchema>;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase words joined by hyphens');
const text = (min = 1) => z.string().trim().min(min, `expected at least ${min} characters`);
const rating = z.number().int().min(1).max(5);

export const packSchema = z.strictObject({
  id: slug,
  title: text(),
  description: text(),
  levels: z.array(levelSchema).min(1),
  defaultLevel: levelSchema,
  levelNames: z.record(levelSchema, text()),
  /** What this pack promises; the checker enforces it (the default pack: 168+ problems, 7+ a week). */
  minimums: z
    .strictObject({
      problems: z.number().int().min(0).optional(),
      perWeek: z.number().int().min(0).optional(),
      kinds: z.partialRecord(kindSchema, z.number().int().min(0)).optional(),
    })
    .optional(),
});
export type PackMeta = z.infer<typeof packSchema>;

/** A weight as the source gives it: one figure, or a range whose midpoint counts. */
const weightSchema = z.union([
  z.number().min(0).max(100),
  z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]).refine(([lo, hi]) => lo <= hi, {
    message: 'range must be [low, high]',
  }),
]);
export type Weight = z.infer<typeof weightSchema>;

export const competencySpecSchema = z.strictObject({
  id: competencySchema,
  name: text(),
  summary: text(),
  requirements: z.record(levelSchema, text(10)),
  weights: z.record(levelSchema, weightSchema),
  bar: z.record(levelSchema, rating),
  scale: z.strictObject({ 1: text(20), 2: text(20), 3: text(20), 4: text(20), 5: text(20) }),
  studyTips: z.array(text(10)).min(1),
});
export type CompetencySpec = z.infer<typeof competencySpecSchema>;

export const competenciesFileSchema = z.strictObject({
  notes: text().optional(),
  competencies: z.array(competencySpecSchema).min(1),
});

export const planWeekSchema = z.strictObject({
  week: z.number().int().min(1),
  block: text(),
  focus: text(),
  goals: z.array(text(5)).min(2).max(4),
  resources: z.array(text(2)).min(1),
  competencies: z.array(competencySchema).min(1),
  deliverable: text(10),
});
export type PlanWeek = z.infer<typeof planWeekSchema>;
export const planFileSchema = z.strictObject({ weeks: z.array(planWeekSchema).min(1) });

export const checklistItemSchema = z.strictObject({
  id: slug,
  level: levelSchema,
  text: text(10),
  competencies: z.array(competencySchema).min(1),
  evidence: text(10),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export const checklistFileSchema = z.strictObject({ items: z.array(checklistItemSchema).min(1) });

const refEntry = z.strictObject({ id: slug, name: text(), level: levelSchema, summary: text(10) });
export const referenceFileSchema = z.strictObject({
  awsServices: z.array(z.strictObject({ id: slug, name: text(), L6: text(5), L7: text(5) })),
  concepts: z.array(refEntry),
  security: z.array(refEntry),
});
export type Reference = z.infer<typeof referenceFileSchema>;

const exampleSchema = z.strictObject({
  input: z.array(z.unknown()),
  output: z.unknown(),
  note: z.string().optional(),
});

export const frontMatterSchema = z.strictObject({
  id: slug,
  title: text(5),
  competency: competencySchema,
  kind: kindSchema,
  levels: z.array(levelSchema).min(1),
  difficulty: z.enum(['easy', 'medium', 'hard'], { error: 'expected easy, medium or hard' }),
  minutes: z.number().int().min(5).max(120),
  weeks: z.array(z.number().int().min(1)).min(1),
  tags: z.array(slug).min(1),
  refs: z
    .array(z.string().regex(/^(aws|concept|security)\/[a-z0-9-]+$/, 'expected aws/<id>, concept/<id> or security/<id>'))
    .optional(),
  examples: z.array(exampleSchema).optional(),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A problem as the bot uses it: front matter plus its Markdown sections. */
export interface Problem extends FrontMatter {
  path: string;
  prompt: string;
  hints: string[];
  strongAnswer: Record<Level, string>;
  followUps: string[];
  solutionSketch?: string;
}

/** A whole validated pack, with lookups. */
export interface Pack {
  meta: PackMeta;
  dir: string;
  competencies: CompetencySpec[];
  plan: PlanWeek[];
  checklist: ChecklistItem[];
  reference: Reference;
  problems: Problem[];
  problemById: Map<string, Problem>;
}
