// `npm run discord:deploy`: registers the slash commands generated from the core's registry, in one bulk
// overwrite: to DISCORD_GUILD_ID when set (instant, for development), globally otherwise.
// `npm run discord:deploy -- --print` prints the command JSON without contacting Discord.

import { commandDefinitions } from '../src/adapters/discord/definitions';
import { applicationId, deployCommands } from '../src/adapters/discord/deploy';
import { createRest } from '../src/adapters/discord/discord-adapter';
import { ConfigError, parseConfig } from '../src/config';
import { commands } from '../src/core/commands/index';

async function main(): Promise<number> {
  if (process.argv.includes('--print')) {
    process.stdout.write(`${JSON.stringify(commandDefinitions(commands), null, 2)}\n`);
    return 0;
  }
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`The environment is invalid:\n  ${err.problems.join('\n  ')}\n`);
    return 2;
  }
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('DISCORD_TOKEN is not set: put the bot token in .env or the environment.\n');
    return 2;
  }
  const rest = createRest(config);
  const appId = await applicationId(rest, config.DISCORD_APPLICATION_ID);
  const result = await deployCommands(rest, appId, config.DISCORD_GUILD_ID, commands);
  process.stdout.write(
    `Registered ${result.commands.length} commands (${result.scope}): ${result.commands.map((c) => `/${c.name}`).join(' ')}\n`,
  );
  if (result.scope === 'global') process.stdout.write('Global commands can take up to an hour to appear.\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`discord:deploy failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
