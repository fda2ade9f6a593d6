import { DeliveryError, type Poster, type PostReceipt } from '../core/delivery';
import type { Message } from '../core/message';
import type { ChatAdapter } from './adapter';

/** Sends each post through the adapter whose platform prefixes the channel id (`slack:…`, `discord:…`). */
export function routePosts(adapters: readonly ChatAdapter[]): Poster {
  const pick = (channelId: string): ChatAdapter => {
    const platform = channelId.slice(0, channelId.indexOf(':'));
    const adapter = adapters.find((a) => a.platform === platform);
    // A group of a platform this instance does not run cannot be served here: permanent for this instance.
    if (!adapter) throw new DeliveryError(`no ${platform || 'unknown'} adapter is running for ${channelId}`, true);
    return adapter;
  };
  return {
    post: (channelId: string, message: Message, key: string): Promise<PostReceipt> =>
      pick(channelId).post(channelId, message, key),
    findPost: (channelId: string, key: string) => pick(channelId).findPost(channelId, key),
  };
}
