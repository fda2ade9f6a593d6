import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/adapters/slack/actions';
import { messageBlockProblems } from './block-kit';
import { blockText, TEAM, withScriptedCore } from './harness';

const APP_TOKEN = 'xapp-1-A0BARRAISER-1234-sockettoken';

async function waitFor<T>(find: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Socket Mode', () => {
  const s = withScriptedCore({ env: { SLACK_APP_TOKEN: APP_TOKEN } }, (t) => t.fake.appTokens.add(APP_TOKEN));

  const ackOf = (id: string) =>
    waitFor(() => s.t.fake.socketMessages.find((m) => m.envelope_id === id)) as Promise<{
      payload: Record<string, unknown>;
    }>;

  it('connects with the app token, through SLACK_API_URL, and listens on no HTTP port', async () => {
    expect(s.t.adapter.mode).toBe('socket');
    expect(s.t.adapter.address()).toBeNull();
    const [open] = s.t.fake.callsTo('apps.connections.open');
    expect(open?.token).toBe(APP_TOKEN);
    expect(s.t.fake.socketConnections).toBe(1);
  });

  it('answers a slash command in its acknowledgement', async () => {
    s.core.answer(() => ({ visibility: 'channel', title: 'Plan', blocks: [{ type: 'text', text: 'Week **3**' }] }));
    s.t.fake.socketSend({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/plan',
        text: '3',
        team_id: TEAM,
        channel_id: 'C0001',
        channel_name: 'study',
        user_id: 'U0001',
        user_name: 'alice',
        response_url: s.t.fake.responseUrl(TEAM, 'C0001', 'U0001'),
        trigger_id: s.t.fake.trigger(),
        api_app_id: 'A0BARRAISER',
      },
    });
    const ack = await ackOf('env-1');
    expect(ack.payload.response_type).toBe('in_channel');
    expect(messageBlockProblems(ack.payload.blocks)).toEqual([]);
    expect(blockText(ack.payload.blocks as unknown[])).toContain('Week 3');
    expect(s.core.calls[0]).toMatchObject({
      command: 'plan',
      args: ['3'],
      channelId: `slack:${TEAM}/C0001`,
      userId: `slack:${TEAM}/U0001`,
    });
  });

  it('runs a button click and answers through its response_url', async () => {
    const responseUrl = s.t.fake.responseUrl(TEAM, 'C0001', 'U0002');
    s.t.fake.socketSend({
      envelope_id: 'env-2',
      type: 'interactive',
      accepts_response_payload: false,
      payload: {
        type: 'block_actions',
        team: { id: TEAM, domain: 't' },
        user: { id: 'U0002', username: 'bob', team_id: TEAM },
        channel: { id: 'C0001', name: 'study' },
        container: { type: 'message', channel_id: 'C0001', message_ts: '1.1' },
        trigger_id: s.t.fake.trigger(),
        response_url: responseUrl,
        actions: [
          {
            type: 'button',
            action_id: 'br:0',
            block_id: 'b',
            value: encodeAction({ command: 'daily', args: ['done', '3', 'p1'] }),
            action_ts: '1.2',
          },
        ],
      },
    });
    await ackOf('env-2');
    await waitFor(() => s.t.fake.responses(responseUrl)[0]);
    expect(s.core.calls[0]).toMatchObject({
      command: 'daily',
      args: ['done', '3', 'p1'],
      userId: `slack:${TEAM}/U0002`,
    });
  });
});
