import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { solutionPath } from './load';
import type { Problem } from './schema';

/** Runs a coding problem's reference solution on each example; returns one message per mismatch. */
export async function checkSolution(problem: Problem): Promise<string[]> {
  const file = solutionPath(problem.path);
  const rel = path.relative(process.cwd(), file);
  let solve: unknown;
  try {
    solve = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (err) {
    return [`${rel}: cannot be loaded: ${(err as Error).message}`];
  }
  if (typeof solve !== 'function') return [`${rel}: has no default export function`];
  const failures: string[] = [];
  (problem.examples ?? []).forEach((example, i) => {
    try {
      // Clone the input so a solution that mutates its arguments cannot corrupt the next comparison.
      const args = structuredClone(example.input);
      const got: unknown = JSON.parse(JSON.stringify((solve as (...a: unknown[]) => unknown)(...args)) ?? 'null');
      if (!isDeepStrictEqual(got, example.output))
        failures.push(
          `${rel}: example ${i + 1} expected ${JSON.stringify(example.output)}, got ${JSON.stringify(got)}`,
        );
    } catch (err) {
      failures.push(`${rel}: example ${i + 1} threw ${(err as Error).message}`);
    }
  });
  return failures;
}
