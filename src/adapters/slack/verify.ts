// Bolt checks the signature and refuses requests more than five minutes old. It accepts two things it
// should not: a request dated far in the future (a signature captured then stays valid for longer), and
// the same signed request sent again within the window (a replay). This guard refuses both, after Bolt's
// own signature check has accepted the request, so only authentic requests are ever remembered.

import { verifySlackRequest } from '@slack/bolt';

/** Slack's tolerance, and Bolt's for stale requests: five minutes either way. */
export const WINDOW_SECONDS = 5 * 60;

export type Verdict = { ok: true } | { ok: false; reason: 'signature' | 'future' | 'replay' };

export interface RequestGuard {
  /** Checks one request; remembers it when accepted, so the same one is refused the next time. */
  check(request: { body: string; signature: string | undefined; timestamp: string | undefined }): Verdict;
  /** How many accepted requests are remembered (for tests and metrics). */
  size(): number;
}

/**
 * A replay guard for one process. Behind a load balancer with several instances each keeps its own
 * memory, so a replay sent to another instance is caught only by the time window.
 */
export function requestGuard(signingSecret: string, nowMs: () => number = Date.now): RequestGuard {
  // signature -> the time (seconds) after which Bolt refuses it as stale, so it can be forgotten.
  const seen = new Map<string, number>();
  let lastSweep = 0;

  function sweep(nowSec: number) {
    if (nowSec - lastSweep < 10) return;
    lastSweep = nowSec;
    for (const [signature, expires] of seen) if (expires < nowSec) seen.delete(signature);
  }

  return {
    check({ body, signature, timestamp }) {
      const now = nowMs();
      const ts = Number(timestamp);
      try {
        verifySlackRequest({
          signingSecret,
          body,
          headers: { 'x-slack-signature': signature ?? '', 'x-slack-request-timestamp': ts },
          nowMilliseconds: now,
        });
      } catch {
        return { ok: false, reason: 'signature' };
      }
      const nowSec = Math.floor(now / 1000);
      if (ts > nowSec + WINDOW_SECONDS) return { ok: false, reason: 'future' };
      sweep(nowSec);
      const key = signature ?? '';
      if (seen.has(key)) return { ok: false, reason: 'replay' };
      seen.set(key, ts + WINDOW_SECONDS);
      return { ok: true };
    },
    size: () => seen.size,
  };
}
