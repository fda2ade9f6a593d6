import { DeliveryError, type Poster, type PostReceipt } from '../../src/core/delivery';
import type { Message } from '../../src/core/message';

export interface Delivered {
  channelId: string;
  key: string;
  message: Message;
}

/** A recording platform: every post kept, failures injectable, optional latency per post. */
export function fakePoster(options: { latencyMs?: number } = {}) {
  const delivered: Delivered[] = [];
  const failures: Array<{ channelId?: string; error: Error; times: number }> = [];
  let calls = 0;
  const poster: Poster = {
    async post(channelId, message, key): Promise<PostReceipt> {
      calls++;
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const failure = failures.find((f) => f.times > 0 && (!f.channelId || f.channelId === channelId));
      if (failure) {
        failure.times--;
        throw failure.error;
      }
      delivered.push({ channelId, key, message });
      return { messageRef: `ref-${delivered.length}` };
    },
    async findPost(channelId, key) {
      const i = delivered.findIndex((d) => d.channelId === channelId && d.key === key);
      return i < 0 ? null : { messageRef: `ref-${i + 1}` };
    },
  };
  return {
    poster,
    delivered,
    get calls() {
      return calls;
    },
    /** The next `times` posts (to `channelId`, if given) fail with `error`. */
    fail(error: Error, times = 1, channelId?: string) {
      failures.push({ error, times, ...(channelId ? { channelId } : {}) });
    },
    transient: (msg = 'ratelimited') => new Error(msg),
    permanent: (msg = 'channel_not_found') => new DeliveryError(msg, true),
  };
}
