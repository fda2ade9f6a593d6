import { afterEach, describe, expect, it } from 'vitest';
import { scriptedCore } from '../contract/adapter-contract';
import { type Rig, startRig, textOf } from './harness';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function connected(options: Parameters<typeof startRig>[0] = {}) {
  const core = scriptedCore();
  rig = await startRig(options);
  await rig.start(core.handlers);
  return { rig, core };
}

const readyLines = (r: Rig) => r.logs.filter((l) => l.msg === 'discord ready');

describe('the gateway connection', () => {
  it('takes the gateway URL from GET /gateway/bot and identifies with the Guilds intent only, uncompressed', async () => {
    const { rig: r } = await connected();
    const first = r.fake.requests[0];
    expect(`${first?.method} ${first?.path}`).toBe('GET /gateway/bot');
    expect(r.fake.gatewayUrls).toEqual(['/gateway?v=10&encoding=json']);
    const identify = r.fake.sessions[0]?.identify;
    expect(identify).toMatchObject({ token: r.fake.token, intents: 1, shard: [0, 1], compress: false });
    // Logged once, when ready: who, how many servers.
    expect(readyLines(r)).toHaveLength(1);
    expect(readyLines(r)[0]).toMatchObject({ user: 'bar-raiser', guilds: 1, application: r.fake.appId });
  });

  it('heartbeats, and Discord acknowledges', async () => {
    const { rig: r } = await connected({ fake: { heartbeatIntervalMs: 60 } });
    await r.fake.waitFor(() => r.fake.heartbeats >= 3, 'three heartbeats');
    // The client measured the round trip from an ACK.
    await r.fake.waitFor(() => (r.adapter.discordClient?.ws.ping ?? -1) >= 0, 'a measured ping');
  });

  it('resumes after RECONNECT and answers an interaction sent while it was away', async () => {
    const { rig: r, core } = await connected();
    const session = r.fake.sessions[0];
    r.fake.requestReconnect();
    // Sent while the client is away: Discord keeps it, and RESUME replays it.
    await r.fake.waitFor(() => session?.ws === null, 'the client to close the old connection');
    const record = r.fake.command({ id: '1400000000000000001', username: 'alice' }, 'help', []);
    await r.settle(record);
    expect(textOf(r.fake.shown(record)[0] as never)).toContain('ok');
    expect(core.calls).toHaveLength(1);
    expect(r.fake.sessions).toHaveLength(1);
    expect(session?.resumed).toBe(1);
    expect(r.logs.some((l) => l.msg === 'discord gateway resumed')).toBe(true);
    expect(readyLines(r)).toHaveLength(1);
  });

  it('resumes after the connection drops', async () => {
    const { rig: r, core } = await connected();
    r.fake.dropConnections();
    await r.fake.waitFor(() => r.fake.sessions[0]?.resumed === 1, 'a resume');
    await r.settle(r.fake.command({ id: '1400000000000000002', username: 'bob' }, 'help', []));
    expect(core.calls.map((c) => c.userName)).toEqual(['bob']);
  });

  it('identifies again when Discord no longer knows the session', async () => {
    const { rig: r, core } = await connected();
    r.fake.forgetSessions();
    r.fake.dropConnections();
    await r.fake.waitFor(() => r.fake.sessions.length === 2, 'a second IDENTIFY', 15_000);
    await r.settle(r.fake.command({ id: '1400000000000000002', username: 'bob' }, 'help', []));
    expect(core.calls).toHaveLength(1);
    expect(readyLines(r)).toHaveLength(1);
  });

  it('closes the connection when stopped', async () => {
    const { rig: r } = await connected();
    const session = r.fake.sessions[0];
    expect(session?.ws).not.toBeNull();
    await r.adapter.stop();
    await r.fake.waitFor(() => session?.ws === null, 'the socket to close');
    expect(r.adapter.discordClient).toBeUndefined();
  });

  it('refuses to start with a token Discord rejects, and says which', async () => {
    rig = await startRig({ config: { DISCORD_TOKEN: 'wrong' } });
    await expect(rig.start(scriptedCore().handlers)).rejects.toThrow(/Discord rejected DISCORD_TOKEN/);
  });
});
