import { describe, expect, it } from 'vitest';
import { requestGuard } from '../../src/adapters/slack/verify';
import { SECRET, withScriptedCore } from './harness';
import { sign } from './signed-client';

const now = () => Math.floor(Date.now() / 1000);

describe('requests the bot refuses', () => {
  const s = withScriptedCore();

  /** A refused request: 401, the core never asked, nothing sent to Slack in its name. */
  async function expectRefused(answer: { status: number; responseUrl: string }) {
    expect(answer.status).toBe(401);
    await s.t.adapter.whenIdle();
    expect(s.core.calls).toEqual([]);
    expect(s.t.fake.responses(answer.responseUrl)).toEqual([]);
    expect(s.t.fake.callsTo('views.open')).toEqual([]);
  }

  it('accepts a correctly signed command (the control case)', async () => {
    const answer = await s.t.client.command(s.t.member('alice'), 'daily', '');
    expect(answer.status).toBe(200);
    expect(s.core.calls).toHaveLength(1);
  });

  it('refuses a forged signature', async () => {
    await expectRefused(await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { secret: 'not-the-secret' }));
  });

  it('refuses a request without signature headers', async () => {
    await expectRefused(await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { unsigned: true }));
  });

  it('refuses a stale request (more than five minutes old)', async () => {
    await expectRefused(await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { timestamp: now() - 6 * 60 }));
  });

  it('refuses a request dated more than five minutes in the future', async () => {
    await expectRefused(await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { timestamp: now() + 6 * 60 }));
  });

  it('accepts a small clock difference either way', async () => {
    expect((await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { timestamp: now() + 60 })).status).toBe(
      200,
    );
    expect((await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { timestamp: now() - 60 })).status).toBe(
      200,
    );
    expect(s.core.calls).toHaveLength(2);
  });

  it('refuses a replay of a signed command, byte for byte', async () => {
    const first = await s.t.client.command(s.t.member('alice'), 'daily', 'done 4');
    expect(first.status).toBe(200);
    await s.t.adapter.whenIdle();
    const replay = await s.t.client.resend(first.request);
    expect(replay.status).toBe(401);
    await s.t.adapter.whenIdle();
    expect(s.core.calls).toHaveLength(1);
    expect(s.t.fake.responses(first.responseUrl)).toEqual([]);
  });

  it('refuses a replayed button click', async () => {
    const click = await s.t.client.click(s.t.member('bob'), {
      action_id: 'br:0',
      value: JSON.stringify({ c: 'daily', a: ['done', '', 'p1'] }),
    });
    expect(click.status).toBe(200);
    await s.t.adapter.whenIdle();
    expect((await s.t.client.resend(click.request)).status).toBe(401);
    await s.t.adapter.whenIdle();
    expect(s.core.calls).toHaveLength(1);
    expect(s.t.fake.responses(click.responseUrl)).toHaveLength(1);
  });

  it('refuses a request whose body was changed after signing', async () => {
    const timestamp = now();
    const body = 'command=%2Fdaily&text=&team_id=T0001&channel_id=C0001&user_id=U0001&user_name=alice';
    const tampered = body.replace('U0001', 'U0009');
    const answer = await s.t.client.resend({
      body: tampered,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign(SECRET, timestamp, body),
      },
    });
    expect(answer.status).toBe(401);
    expect(s.core.calls).toEqual([]);
  });

  it('answers Slack’s unsigned SSL check and runs nothing', async () => {
    const answer = await s.t.client.send('ssl_check=1&token=x&command=%2Fdaily', { unsigned: true });
    expect(answer.status).toBe(200);
    expect(s.core.calls).toEqual([]);
  });

  it('logs refusals without the secret', async () => {
    await s.t.client.command(s.t.member('alice'), 'daily', '', {}, { timestamp: now() + 6 * 60 });
    expect(s.t.logs.some((l) => l.msg === 'refused a signed Slack request' && l.reason === 'future')).toBe(true);
    expect(s.t.logText()).not.toContain(SECRET);
  });
});

describe('the replay guard', () => {
  it('forgets a request once Bolt would refuse it as stale anyway', () => {
    let clock = 1_700_000_000_000;
    const guard = requestGuard(SECRET, () => clock);
    const ts = Math.floor(clock / 1000);
    const request = { body: 'a=1', timestamp: String(ts), signature: sign(SECRET, ts, 'a=1') };
    expect(guard.check(request)).toEqual({ ok: true });
    expect(guard.check(request)).toEqual({ ok: false, reason: 'replay' });
    clock += 6 * 60_000;
    // Stale now: refused by the signature check's time window, and no longer remembered.
    expect(guard.check(request)).toEqual({ ok: false, reason: 'signature' });
    const later = Math.floor(clock / 1000);
    guard.check({ body: 'b=2', timestamp: String(later), signature: sign(SECRET, later, 'b=2') });
    expect(guard.size()).toBe(1);
  });

  it('does not remember requests with a bad signature', () => {
    const guard = requestGuard(SECRET);
    const ts = now();
    expect(guard.check({ body: 'x', timestamp: String(ts), signature: sign('wrong', ts, 'x') })).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(guard.size()).toBe(0);
  });
});
