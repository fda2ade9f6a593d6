import type { Poster } from '../core/delivery';
import type { Form, Message } from '../core/message';
import type { Invocation, Platform } from '../core/types';

/** What an adapter calls when a member uses a command or a button. */
export interface AdapterHandlers {
  handle(invocation: Invocation): Promise<Message>;
  /** The form an invocation opens, known without the database (see Bot.formFor). */
  formFor(invocation: Pick<Invocation, 'command' | 'args'>): Form | null;
}

export { DeliveryError, type PostReceipt } from '../core/delivery';

/** One chat platform. Adapters own transport: acknowledging, verifying, rendering, retrying. */
export interface ChatAdapter extends Poster {
  readonly platform: Platform;
  start(handlers: AdapterHandlers): Promise<void>;
  stop(): Promise<void>;
}
