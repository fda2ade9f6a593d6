// `/assess submit` end to end on Postgres: parse and validate, ratings, checklist and weekly points in
// one transaction, then the report (history, gaps, study suggestions) and its radar PNG.
import { renderRadar } from '../src/charts/radar';
import { benchBot, invocation, percentiles, timed } from './measure';
import { benchDatabase } from './pg';

const MEMBERS = 50;
const RUNS = Number(process.env.ASSESS_RUNS ?? 300);

export default async function main() {
  const bench = await benchDatabase('assess');
  try {
    const { bot, clock } = await benchBot(bench.database, new Date('2026-11-25T12:00:00Z'));
    const pack = bot.deps.pack;
    const items = pack.checklist.map((i) => i.id);
    // Deterministic but varied answers: each member assesses about six times, a day apart.
    const line = (i: number) => {
      const ratings = pack.competencies.map((c, k) => `${c.id}=${1 + ((i * 7 + k * 3) % 5)}`);
      const ticked = items.filter((_, k) => (i + k) % 3 === 0).join(',');
      return `/assess submit ${ratings.join(' ')} level=${i % 2 ? 'L7' : 'L6'} checklist=${ticked}`;
    };
    const samples = await timed(RUNS, 30, async (i) => {
      if (i % MEMBERS === 0) clock.advance(86_400_000);
      const m = await bot.handle(invocation('assess', `m${i % MEMBERS}`, line(i)));
      if (!m.image || !m.title?.startsWith('Your readiness report')) throw new Error(`no report: ${m.blocks[0]?.type}`);
    });
    console.log(
      JSON.stringify({ bench: 'assess', op: 'submit', members: MEMBERS, runs: RUNS, ...percentiles(samples) }),
    );
    const axes = pack.competencies.map((c, k) => ({ label: c.name, value: 1 + (k % 5), L6: c.bar.L6, L7: c.bar.L7 }));
    const radar = await timed(RUNS, 10, () => renderRadar({ title: 'Readiness: bench', youLabel: 'You: 50%', axes }));
    console.log(JSON.stringify({ bench: 'assess', op: 'radar-png-only', runs: RUNS, ...percentiles(radar) }));
  } finally {
    await bench.drop();
  }
}
