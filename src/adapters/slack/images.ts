import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Image } from '../../core/message';

const started = z.object({ upload_url: z.url(), file_id: z.string().min(1) });

/**
 * Uploads a PNG privately (shared nowhere) so an image block can show it by file id: the same file then
 * works in an ephemeral reply, a channel post or a modal. Null when Slack refuses; the message then
 * describes the image in words instead of failing.
 */
export async function uploadImage(client: webApi.WebClient, image: Image, log: Logger): Promise<string | undefined> {
  try {
    const { upload_url, file_id } = started.parse(
      await client.files.getUploadURLExternal({
        filename: image.filename,
        length: image.png.byteLength,
        alt_text: image.alt,
      }),
    );
    // The upload URL is the one Slack's API just returned (a local fake in tests), never one we build.
    const res = await fetch(upload_url, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: image.png,
    });
    if (!res.ok) throw new Error(`upload answered ${res.status}`);
    await client.files.completeUploadExternal({ files: [{ id: file_id, title: image.alt || image.filename }] });
    return file_id;
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'image upload to Slack failed');
    return undefined;
  }
}
