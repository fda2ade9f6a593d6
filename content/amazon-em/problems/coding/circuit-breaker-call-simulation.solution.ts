type State = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** Circuit breaker replay: a three-state machine driven by each call's timestamp and outcome, one pass. */
export default function solve(calls: Array<[number, string]>, threshold: number, timeout: number): string[] {
  let state: State = 'CLOSED';
  let failures = 0;
  let lastFailure = 0;
  const decisions: string[] = [];

  for (const [t, outcome] of calls) {
    if (state === 'OPEN') {
      if (t - lastFailure > timeout) {
        state = 'HALF_OPEN';
      } else {
        decisions.push('REJECT');
        continue;
      }
    }
    decisions.push(state === 'HALF_OPEN' ? 'PROBE' : 'ALLOW');

    if (outcome === 'ok') {
      if (state === 'HALF_OPEN') {
        state = 'CLOSED';
        failures = 0;
      }
    } else {
      failures++;
      lastFailure = t;
      if (failures >= threshold) state = 'OPEN';
    }
  }
  return decisions;
}
