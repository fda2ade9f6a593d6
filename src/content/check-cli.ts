// `npm run content:check [pack-dir]`: validates a pack, runs the coding reference solutions, prints coverage.
import path from 'node:path';
import { coverageTable } from './coverage';
import { validatePack } from './load';
import { checkSolution } from './solutions';

const dir = path.resolve(process.argv[2] ?? 'content/amazon-em');
const { pack, errors } = await validatePack(dir);
if (pack) {
  for (const problem of pack.problems.filter((p) => p.kind === 'coding'))
    errors.push(...(await checkSolution(problem)));
  console.log(
    `${pack.meta.title} (${path.relative(process.cwd(), dir)}): ${pack.problems.length} problems, ${pack.plan.length} weeks, ${pack.checklist.length} checklist items\n`,
  );
  console.log(coverageTable(pack));
}
if (errors.length > 0) {
  console.error(`\n${errors.length} problem${errors.length === 1 ? '' : 's'} found:`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log('\ncontent OK');
