import type { Message } from '../core/message';
import type { Invocation, Platform } from '../core/types';

/** What an adapter calls when a member uses a command or a button. */
export interface AdapterHandlers {
  handle(invocation: Invocation): Promise<Message>;
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
  stop(): Promise<void>;
}
