/** Platform-prefixed ids for Discord: channel `discord:<guild>/<channel>`, user `discord:<user>`, guild `discord:<guild>`. */

const SNOWFLAKE = /^\d{1,20}$/;

export const channelKey = (guildId: string, channelId: string) => `discord:${guildId}/${channelId}`;
export const userKey = (userId: string) => `discord:${userId}`;
export const workspaceKey = (guildId: string) => `discord:${guildId}`;
export const messageRef = (guildId: string, channelId: string, messageId: string) =>
  `discord:${guildId}/${channelId}/${messageId}`;

/** `discord:G/C` -> its guild and channel snowflakes; null for anything else. */
export function parseChannelKey(id: string): { guildId: string; channelId: string } | null {
  const m = /^discord:([^/]+)\/([^/]+)$/.exec(id);
  if (!m?.[1] || !m[2] || !SNOWFLAKE.test(m[1]) || !SNOWFLAKE.test(m[2])) return null;
  return { guildId: m[1], channelId: m[2] };
}

/** Core mentions name prefixed users (`<@discord:5>`); Discord wants the bare snowflake (`<@5>`). */
export function toDiscordMentions(markdown: string): string {
  return markdown.replace(/<@discord:(\d{1,20})>/g, '<@$1>');
}
