// Slack ids become platform-prefixed ids the core can store: workspace `slack:T1`, channel `slack:T1/C2`,
// user `slack:T1/U3`. Channel and user ids are only unique within a workspace (or grid), hence the team.

const SLACK_ID = /^[A-Z0-9]{2,32}$/;

export const workspaceId = (team: string) => `slack:${team}`;
export const channelId = (team: string, channel: string) => `slack:${team}/${channel}`;
export const userId = (team: string, user: string) => `slack:${team}/${user}`;

/** `slack:T1/C2` -> { team: 'T1', id: 'C2' }; null for anything else (another platform, a malformed id). */
export function parseScopedId(prefixed: string): { team: string; id: string } | null {
  const m = /^slack:([^/]+)\/([^/]+)$/.exec(prefixed);
  if (!m?.[1] || !m[2] || !SLACK_ID.test(m[1]) || !SLACK_ID.test(m[2])) return null;
  return { team: m[1], id: m[2] };
}
