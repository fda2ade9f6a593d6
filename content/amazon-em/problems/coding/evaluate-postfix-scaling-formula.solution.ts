/** Postfix evaluation with a value stack, validating operand counts, literals and divisors along the way. */
export default function solve(tokens: string[]): number | null {
  const values: number[] = [];
  for (const token of tokens) {
    if (/^-?\d+$/.test(token)) {
      values.push(Number(token));
      continue;
    }
    if (!['+', '-', '*', '/'].includes(token) || values.length < 2) return null;
    const right = values.pop() as number;
    const left = values.pop() as number;
    let result: number;
    if (token === '+') result = left + right;
    else if (token === '-') result = left - right;
    else if (token === '*') result = left * right;
    else if (right === 0) return null;
    else result = Math.trunc(left / right);
    values.push(result === 0 ? 0 : result); // normalize -0
  }
  return values.length === 1 ? values[0] : null;
}
