/** Token bucket per client, replayed in time order; tokens are kept in integer milli-tokens so refill is exact. */
export default function solve(requests: Array<[number, string]>, capacity: number, refillPerSecond: number): boolean[] {
  const full = capacity * 1000;
  const buckets = new Map<string, { milliTokens: number; lastMs: number }>();

  return requests.map(([ms, client]) => {
    let bucket = buckets.get(client);
    if (!bucket) {
      bucket = { milliTokens: full, lastMs: ms }; // a new client starts with a full bucket
      buckets.set(client, bucket);
    }
    // elapsed ms * tokens/s = milli-tokens earned since the last request
    bucket.milliTokens = Math.min(full, bucket.milliTokens + (ms - bucket.lastMs) * refillPerSecond);
    bucket.lastMs = ms;
    if (bucket.milliTokens >= 1000) {
      bucket.milliTokens -= 1000;
      return true;
    }
    return false;
  });
}
