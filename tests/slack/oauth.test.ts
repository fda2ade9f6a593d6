import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresInstallationStore } from '../../src/adapters/slack/installation-store';
import { scriptedCore } from '../contract/adapter-contract';
import { testDatabase } from '../helpers/db';
import { type SlackTest, slackTest } from './harness';

const OAUTH = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-9f3b1e7d',
  SLACK_STATE_SECRET: 'state-secret-5c2a8e0f',
};
const INSTALLED_TOKEN = 'xoxb-2222-3333-installedtoken';

async function clearInstallations() {
  const database = await testDatabase();
  await sql`DELETE FROM slack_installations`.execute(database.db);
  return database;
}

describe('installing into several workspaces through OAuth', () => {
  let t: SlackTest;
  let core: ReturnType<typeof scriptedCore>;
  let base: string;

  beforeEach(async () => {
    await clearInstallations();
    t = await slackTest({ noBotToken: true, env: OAUTH });
    core = scriptedCore();
    await t.start(core.handlers);
    base = `http://127.0.0.1:${t.adapter.address()?.port}`;
    t.fake.addUser('T0002', 'U0201', 'dana');
    t.fake.addChannel('T0002', 'C0201', 'prep');
  });
  afterEach(async () => {
    await t.stop();
  });

  /** Walks the install: the install page, then Slack's redirect back with a code for T0002. */
  async function install() {
    const page = await fetch(`${base}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const state = /state=([^"&]+)/.exec(html)?.[1];
    expect(html).toContain('client_id=1111.2222');
    expect(state).toBeTruthy();
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    const code = t.fake.oauthCode('T0002', INSTALLED_TOKEN);
    return fetch(`${base}/slack/oauth_redirect?code=${code}&state=${state}`, { headers: { cookie } });
  }

  it('stores the installation in Postgres and then serves that workspace with its own token', async () => {
    const done = await install();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Bar Raiser is installed');
    const rows = await t.database.db.selectFrom('slack_installations').selectAll().execute();
    expect(rows.map((r) => [r.install_key, r.team_id, r.bot_user_id])).toEqual([['team:T0002', 'T0002', 'UBT0002']]);

    const answer = await t.client.command({ team: 'T0002', user: 'U0201' }, 'daily', '', { channel: 'C0201' });
    expect(answer.status).toBe(200);
    expect(core.calls.at(-1)).toMatchObject({
      workspaceId: 'slack:T0002',
      channelId: 'slack:T0002/C0201',
      userId: 'slack:T0002/U0201',
      userName: 'Dana',
    });
    expect(t.fake.callsTo('users.info').at(-1)?.token).toBe(INSTALLED_TOKEN);

    await t.adapter.post('slack:T0002/C0201', { visibility: 'channel', blocks: [{ type: 'text', text: 'hi' }] }, 'k');
    expect(t.fake.callsTo('chat.postMessage').at(-1)?.token).toBe(INSTALLED_TOKEN);
  });

  it('refuses requests from a workspace that has not installed the app', async () => {
    const answer = await t.client.command({ team: 'T0002', user: 'U0201' }, 'daily', '', { channel: 'C0201' });
    expect(answer.status).toBe(200);
    await t.adapter.whenIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect(core.calls).toEqual([]);
    expect(t.fake.responses(answer.responseUrl).map((r) => r.payload.text)).toEqual([
      'Bar Raiser is not installed in this workspace (any more). Ask an admin to install it again.',
    ]);
    await expect(
      t.adapter.post('slack:T0002/C0201', { visibility: 'channel', blocks: [{ type: 'text', text: 'hi' }] }, 'k'),
    ).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('not installed') });
  });

  it('refuses a redirect whose state was not issued by this app', async () => {
    const code = t.fake.oauthCode('T0002', INSTALLED_TOKEN);
    const res = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=forged`);
    expect(res.status).toBe(400);
    expect(await t.database.db.selectFrom('slack_installations').selectAll().execute()).toEqual([]);
  });

  it('forgets a workspace that uninstalls the app', async () => {
    await install();
    const event = await t.client.event('T0002', { type: 'app_uninstalled' });
    expect(event.status).toBe(200);
    await t.adapter.whenIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect(await t.database.db.selectFrom('slack_installations').selectAll().execute()).toEqual([]);
  });

  it('never logs a token or secret, through install, commands, posts and failures', async () => {
    await install();
    await t.client.command({ team: 'T0002', user: 'U0201' }, 'daily', '', { channel: 'C0201' });
    await t.client.command({ team: 'T0002', user: 'U0201' }, 'daily', '', { channel: 'C0201' }, { secret: 'bad' });
    await t.adapter
      .post('slack:T0002/C0999', { visibility: 'channel', blocks: [{ type: 'text', text: 'x' }] }, 'k')
      .catch(() => {});
    await t.adapter.whenIdle();
    expect(t.logs.length).toBeGreaterThan(5);
    const logged = t.logText();
    for (const secret of [INSTALLED_TOKEN, OAUTH.SLACK_CLIENT_SECRET, OAUTH.SLACK_STATE_SECRET, 'test-signing-secret'])
      expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/xox[bpae]-\d/);
  });
});

describe('the Postgres installation store', () => {
  const log = pino({ level: 'silent' });

  beforeEach(async () => {
    await clearInstallations();
  });

  const installation = (team: string, token: string) => ({
    team: { id: team, name: team },
    enterprise: undefined,
    isEnterpriseInstall: false,
    bot: { token, userId: `UB${team}`, id: `B${team}`, scopes: ['commands'] },
    user: { token: undefined, id: 'U1', scopes: undefined },
  });

  it('stores, updates, fetches and deletes by workspace', async () => {
    const database = await testDatabase();
    const store = postgresInstallationStore(database.db);
    await store.storeInstallation(installation('T1', 'xoxb-old') as never, log as never);
    await store.storeInstallation(installation('T1', 'xoxb-new') as never, log as never);
    await store.storeInstallation(installation('T2', 'xoxb-two') as never, log as never);
    const fetched = await store.fetchInstallation({
      teamId: 'T1',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(fetched.bot?.token).toBe('xoxb-new');
    await store.deleteInstallation?.({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined });
    await expect(
      store.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow(/not installed/);
    const two = await store.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(two.bot?.token).toBe('xoxb-two');
  });

  it('keys an org-wide install by its organization', async () => {
    const database = await testDatabase();
    const store = postgresInstallationStore(database.db);
    await store.storeInstallation({
      ...installation('T9', 'xoxb-org'),
      team: undefined,
      enterprise: { id: 'E1', name: 'Org' },
      isEnterpriseInstall: true,
    } as never);
    const found = await store.fetchInstallation({ enterpriseId: 'E1', teamId: 'T5', isEnterpriseInstall: true });
    expect(found.bot?.token).toBe('xoxb-org');
  });

  it('refuses an installation that names no workspace', async () => {
    const database = await testDatabase();
    const store = postgresInstallationStore(database.db);
    await expect(store.storeInstallation({ ...installation('T1', 'x'), team: undefined } as never)).rejects.toThrow(
      /names its workspace/,
    );
  });
});
