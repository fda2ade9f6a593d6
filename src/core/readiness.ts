import type { CompetencyId, Level, Pack, Problem, Weight } from '../content/schema';

/**
 * Readiness arithmetic, free of I/O. A competency met at the bar earns its whole interview weight, one
 * below it earns rating/bar of it; the source's weights add up to 105%, so they are normalized first.
 */

/** A member's latest self-rating (1-5) per competency; missing means not rated yet. */
export type Ratings = Partial<Record<CompetencyId, number>>;

/** A weight as one figure: a [low, high] range counts as its midpoint. */
export function weightValue(weight: Weight): number {
  return typeof weight === 'number' ? weight : (weight[0] + weight[1]) / 2;
}

/** Each competency's share of the interview at `level`, as fractions that add up to exactly 1. */
export function normalizedWeights(pack: Pack, level: Level): Map<CompetencyId, number> {
  const raw = pack.competencies.map((c) => [c.id, weightValue(c.weights[level] ?? 0)] as const);
  const total = raw.reduce((sum, [, w]) => sum + w, 0);
  // A pack with no weights at all for a level weighs its competencies equally rather than dividing by zero.
  return new Map(raw.map(([id, w]) => [id, total > 0 ? w / total : 1 / raw.length]));
}

export interface CompetencyReadiness {
  id: CompetencyId;
  name: string;
  rating: number | null;
  bar: number;
  /** Rating points still missing to reach the bar; 0 at or above it. */
  gap: number;
  /** Normalized interview weight, 0..1. */
  weight: number;
  /** weight × gap: how much this gap costs in the interview. */
  weightedGap: number;
  /** The share of its weight this competency earns, 0..1. */
  credit: number;
}

export interface Readiness {
  level: Level;
  /** 0..100, unrounded. */
  percent: number;
  competencies: CompetencyReadiness[];
}

export function assessReadiness(pack: Pack, level: Level, ratings: Ratings): Readiness {
  const weights = normalizedWeights(pack, level);
  const competencies = pack.competencies.map((c): CompetencyReadiness => {
    const rating = ratings[c.id] ?? null;
    const bar = c.bar[level] ?? 5;
    const weight = weights.get(c.id) ?? 0;
    const gap = Math.max(bar - (rating ?? 0), 0);
    return {
      id: c.id,
      name: c.name,
      rating,
      bar,
      gap,
      weight,
      weightedGap: weight * gap,
      credit: Math.min((rating ?? 0) / bar, 1),
    };
  });
  const percent = 100 * competencies.reduce((sum, c) => sum + c.weight * c.credit, 0);
  return { level, percent, competencies };
}

/** The `n` gaps that cost most in the interview, biggest first; ties go to the heavier weight, then pack order. */
export function biggestGaps(readiness: Readiness, n = 3): CompetencyReadiness[] {
  return readiness.competencies
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.gap > 0)
    .sort((a, b) => b.c.weightedGap - a.c.weightedGap || b.c.weight - a.c.weight || a.index - b.index)
    .slice(0, n)
    .map(({ c }) => c);
}

export interface StudySuggestion {
  competency: CompetencyId;
  /** Plan weeks that train it: the coming ones first, else the latest past ones to revisit. */
  weeks: number[];
  /** Whether `weeks` lie ahead (true) or are weeks to revisit. */
  upcoming: boolean;
  problems: Problem[];
}

const DIFFICULTY = { easy: 1, medium: 2, hard: 3 } as const;

/**
 * What to study next for one competency: up to three plan weeks and `count` problems not done yet,
 * preferring problems for the level, from those weeks, and of a difficulty that fits the rating.
 */
export function studyNext(
  pack: Pack,
  level: Level,
  competency: CompetencyId,
  opts: { currentWeek: number; rating: number | null; done: ReadonlySet<string>; count?: number },
): StudySuggestion {
  const training = pack.plan.filter((w) => w.competencies.includes(competency)).map((w) => w.week);
  const ahead = training.filter((w) => w >= Math.max(opts.currentWeek, 1));
  const weeks = ahead.length > 0 ? ahead.slice(0, 3) : training.slice(-3);
  // Low self-ratings start with easier problems; higher ones with harder.
  const target = (opts.rating ?? 1) <= 2 ? 1.5 : 2.5;
  const score = (p: Problem) => [
    p.levels.includes(level) ? 0 : 1,
    p.weeks.some((w) => weeks.includes(w)) ? 0 : 1,
    Math.abs(DIFFICULTY[p.difficulty] - target),
  ];
  const problems = pack.problems
    .filter((p) => p.competency === competency && !opts.done.has(p.id))
    .map((p) => ({ p, s: score(p) }))
    .sort((a, b) => compareTuples(a.s, b.s) || a.p.id.localeCompare(b.p.id))
    .slice(0, opts.count ?? 3)
    .map(({ p }) => p);
  return { competency, weeks, upcoming: ahead.length > 0, problems };
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One stored self-rating, as the ratings table keeps it. */
export interface RatingEntry {
  competency: string;
  rating: number;
  level: Level;
  ratedAt: Date;
}

/** The state after one assessment: every competency's latest rating as of `at`. */
export interface Snapshot {
  at: Date;
  level: Level;
  ratings: Ratings;
  percent: number;
}

/**
 * Ratings history -> one snapshot per assessment (ratings recorded at the same instant belong together),
 * oldest first. Each snapshot is scored at the level the member had chosen then. Entries naming a
 * competency the pack no longer has are ignored.
 */
export function snapshots(pack: Pack, entries: readonly RatingEntry[]): Snapshot[] {
  const known = new Set<string>(pack.competencies.map((c) => c.id));
  const sorted = [...entries].sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime());
  const out: Snapshot[] = [];
  let ratings: Ratings = {};
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!e) continue;
    if (known.has(e.competency)) ratings = { ...ratings, [e.competency]: e.rating };
    const next = sorted[i + 1];
    if (next && next.ratedAt.getTime() === e.ratedAt.getTime()) continue;
    out.push({ at: e.ratedAt, level: e.level, ratings, percent: assessReadiness(pack, e.level, ratings).percent });
  }
  return out;
}

export interface Change {
  /** Percentage points since the previous assessment, both scored at `level`. */
  percent: number;
  /** Rating changes per competency that moved. */
  ratings: Partial<Record<CompetencyId, { from: number | null; to: number | null }>>;
}

/** How `current` differs from `previous`, both scored at `level` so a change of level does not pose as progress. */
export function changeSince(pack: Pack, level: Level, previous: Ratings, current: Ratings): Change {
  const ratings: Change['ratings'] = {};
  for (const c of pack.competencies) {
    const from = previous[c.id] ?? null;
    const to = current[c.id] ?? null;
    if (from !== to) ratings[c.id] = { from, to };
  }
  const percent = assessReadiness(pack, level, current).percent - assessReadiness(pack, level, previous).percent;
  return { percent, ratings };
}

/** Readiness over assessments as one line, e.g. "41% → 55% → 62%". */
export function trend(snaps: readonly Snapshot[]): string {
  return snaps.map((s) => `${Math.round(s.percent)}%`).join(' → ');
}
