import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { argsFromOptions, commandDefinitions } from '../../src/adapters/discord/definitions';
import { parseValues, resolveSubcommand } from '../../src/core/command';
import { commands } from '../../src/core/commands/index';
import { scriptedCore } from '../contract/adapter-contract';
import { FakeDiscord } from './fake-discord';
import { discordOptions, type Rig, startRig } from './harness';

type Json = Record<string, unknown>;
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Sample tokens for every option type, so each subcommand can be run with all its options set. */
function sample(option: NonNullable<(typeof commands)[number]['subcommands'][number]['options']>[number]): string {
  if (option.type === 'integer') return String(option.max);
  if (option.type === 'user') return '<@discord:1400000000000000002>';
  if (option.choices) return option.choices[option.choices.length - 1] ?? '';
  return option.example ?? 'coding';
}

describe('Discord command definitions', () => {
  const definitions = commandDefinitions(commands) as unknown as (Json & { name: string })[];

  it('has one definition per registry command, with its subcommands, and nothing else', () => {
    expect(definitions.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    for (const command of commands) {
      const def = definitions.find((d) => d.name === command.name) as Json;
      const options = (def.options as Json[]) ?? [];
      if (command.subcommands.length > 1) {
        expect(options.map((o) => o.name)).toEqual(command.subcommands.map((s) => s.name));
        expect(options.every((o) => o.type === 1)).toBe(true);
      } else {
        expect(options.every((o) => o.type !== 1)).toBe(true);
      }
    }
  });

  it('keeps to Discord rules: lowercase names, descriptions of 1-100 characters, required options first', () => {
    const check = (o: Json) => {
      expect(String(o.name)).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(String(o.description).length).toBeGreaterThan(0);
      expect(String(o.description).length).toBeLessThanOrEqual(100);
      const children = (o.options as Json[] | undefined) ?? [];
      const firstOptional = children.findIndex((c) => c.type !== 1 && !c.required);
      if (firstOptional >= 0) expect(children.slice(firstOptional).some((c) => c.required)).toBe(false);
      for (const c of children) check(c);
    };
    for (const d of definitions) check(d);
  });

  it('types options, with choices and bounds, and leaves hidden options out', () => {
    const daily = definitions.find((d) => d.name === 'daily') as Json;
    const done = (daily.options as Json[]).find((o) => o.name === 'done') as Json;
    expect(done.options).toEqual([
      {
        name: 'confidence',
        description: 'How confident you are now, 1 (lost) to 5 (nailed it)',
        required: false,
        type: 4,
        min_value: 1,
        max_value: 5,
      },
    ]);
    const studygroup = definitions.find((d) => d.name === 'studygroup') as Json;
    const sub = (name: string) => (studygroup.options as Json[]).find((o) => o.name === name) as Json;
    expect((sub('level').options as Json[])[0]).toMatchObject({
      type: 3,
      required: true,
      choices: [
        { name: 'L6', value: 'L6' },
        { name: 'L7', value: 'L7' },
      ],
    });
    expect((sub('organizer').options as Json[]).map((o) => [o.name, o.type])).toEqual([
      ['action', 3],
      ['user', 6],
    ]);
    // Every hidden option of the registry is absent from what Discord offers.
    for (const c of commands)
      for (const s of c.subcommands)
        for (const o of (s.options ?? []).filter((x) => x.hidden)) {
          const def = definitions.find((d) => d.name === c.name) as Json;
          const opts =
            c.subcommands.length > 1
              ? ((def.options as Json[]).find((x) => x.name === s.name)?.options as Json[])
              : (def.options as Json[]);
          expect(opts.map((x) => x.name)).not.toContain(o.name);
        }
  });

  it('shows /studygroup by default to Manage Server only, and the others to everyone, in servers only', () => {
    for (const d of definitions) {
      expect(d.default_member_permissions).toBe(d.name === 'studygroup' ? '32' : null);
      expect(d.contexts).toEqual([0]);
    }
  });

  it('turns what Discord sends back into the tokens the core parses, for every subcommand', () => {
    for (const command of commands) {
      for (const sub of command.subcommands) {
        const options = sub.options ?? [];
        const tokens = [sub.name, ...options.filter((o) => !o.hidden).map(sample)];
        const received = discordOptions(command.name, tokens) as never;
        const args = argsFromOptions(commands, command.name, received);
        const { sub: resolved, rest } = resolveSubcommand(command, args);
        expect(resolved.name).toBe(sub.name);
        // The core accepts them as typed input.
        expect(() => parseValues(command, resolved, rest)).not.toThrow();
        expect(args).toEqual(tokens);
      }
    }
  });

  it('leaves an unset option in the middle as an empty token, so later ones keep their place', () => {
    const args = argsFromOptions(
      [
        {
          name: 'x',
          description: 'x',
          subcommands: [
            {
              name: 'go',
              description: 'go',
              options: [
                { name: 'a', type: 'integer', min: 1, max: 5, description: 'a' },
                { name: 'b', type: 'string', description: 'b' },
                { name: 'c', type: 'user', description: 'c' },
              ],
              run: async () => ({ visibility: 'private', blocks: [] }),
            },
          ],
        },
      ],
      'x',
      [
        { name: 'c', type: 6, value: '123' },
        { name: 'a', type: 4, value: 2 },
      ],
    );
    expect(args).toEqual(['go', '2', '', '<@discord:123>']);
  });
});

describe('registration', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('registers the registry to the development guild at start, by bulk overwrite', async () => {
    rig = await startRig();
    await rig.start(scriptedCore().handlers);
    const puts = rig.fake.requestsTo('PUT', /^\/applications\/\d+\/guilds\/\d+\/commands$/);
    expect(puts).toHaveLength(1);
    // The application id came from READY, since DISCORD_APPLICATION_ID is not set.
    expect(puts[0]?.path).toBe(`/applications/${rig.fake.appId}/guilds/${rig.fake.guild.id}/commands`);
    expect(puts[0]?.body).toEqual(commandDefinitions(commands));
    expect(rig.adapter.deployment?.commands.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    expect(rig.logs.some((l) => l.msg === 'discord commands registered')).toBe(true);
  });

  it('registers globally without DISCORD_GUILD_ID, with the configured application id', async () => {
    rig = await startRig({ config: { DISCORD_GUILD_ID: undefined, DISCORD_APPLICATION_ID: '1200000000000000001' } });
    await rig.start(scriptedCore().handlers);
    expect(rig.fake.requestsTo('PUT', /commands$/).map((r) => r.path)).toEqual([
      `/applications/${rig.fake.appId}/commands`,
    ]);
    expect(rig.fake.commands.get('global')?.map((c) => c.name)).toEqual(commands.map((c) => c.name));
  });

  it('keeps running when registration is refused, and says so in the log', async () => {
    rig = await startRig({ config: { DISCORD_GUILD_ID: '1399999999999999998' } });
    rig.fake.fail('PUT', /commands$/, 403, 50001, 'Missing Access');
    await rig.start(scriptedCore().handlers);
    expect(rig.logs.find((l) => l.msg === 'discord command registration failed')).toBeDefined();
    const answered = await rig.run('alice', 'help', []);
    expect(answered.callbacks[0]?.type).toBe(4);
  });

  it('`npm run discord:deploy` registers the same definitions, and --print shows them', async () => {
    const fake = await FakeDiscord.start();
    try {
      const env = {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guild.id,
        DISCORD_APPLICATION_ID: '',
        DATABASE_URL: '',
      };
      const tsx = path.join(root, 'node_modules/.bin/tsx');
      const { stdout } = await run(tsx, ['scripts/discord-deploy.ts'], { cwd: root, env });
      expect(stdout).toContain(`Registered ${commands.length} commands (guild ${fake.guild.id})`);
      // The application id was asked of Discord, since none was configured.
      expect(fake.requestsTo('GET', /^\/applications\/@me$/)).toHaveLength(1);
      expect(fake.commands.get(fake.guild.id)?.map((c) => c.name)).toEqual(commands.map((c) => c.name));
      const printed = await run(tsx, ['scripts/discord-deploy.ts', '--print'], { cwd: root, env });
      expect(JSON.parse(printed.stdout)).toEqual(commandDefinitions(commands));
    } finally {
      await fake.close();
    }
  }, 90_000);
});
