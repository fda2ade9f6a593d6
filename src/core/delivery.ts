import type { Message } from './message';

/** Where a post landed, so a retry can find it instead of posting again. */
export interface PostReceipt {
  messageRef: string;
}

/** A delivery failure; `permanent` ones (channel gone, bot removed) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** What scheduled jobs post through: every chat adapter, or a router over several. */
export interface Poster {
  /** Posts to a channel; `idempotencyKey` identifies the post so a retry never duplicates it. */
  post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt>;
  /**
   * Finds a post made earlier with this key (Slack message metadata, Discord nonce), so a post whose
   * outcome a crash left unknown is not sent twice. Null when the platform has no such post.
   */
  findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null>;
}
