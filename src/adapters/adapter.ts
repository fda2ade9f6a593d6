import type { Form, Message } from '../core/message';
import type { Invocation, Platform } from '../core/types';

/** What an adapter calls when a member uses a command or a button. */
export interface AdapterHandlers {
  handle(invocation: Invocation): Promise<Message>;
  /** The form an invocation opens, known without the database (see Bot.formFor). */
  formFor(invocation: Pick<Invocation, 'command' | 'args'>): Form | null;
}

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

/** One chat platform. Adapters own transport: acknowledging, verifying, rendering, retrying. */
export interface ChatAdapter {
  readonly platform: Platform;
  start(handlers: AdapterHandlers): Promise<void>;
  /** Posts to a channel; `idempotencyKey` identifies the post so a retry never duplicates it. */
  post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt>;
  /**
   * Finds a post made earlier with this key (Slack message metadata, Discord nonce), so a post whose
   * outcome a crash left unknown is not sent twice. Null when the platform has no such post.
   */
  findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null>;
  stop(): Promise<void>;
}
