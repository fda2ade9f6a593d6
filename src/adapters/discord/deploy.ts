import { type REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { Command } from '../../core/command';
import { commandDefinitions } from './definitions';

const application = z.object({ id: z.string().regex(/^\d{1,20}$/) });
const registered = z.array(z.looseObject({ id: z.string(), name: z.string() }));

/** The application id: the configured one, or asked of Discord (`GET /applications/@me`). */
export async function applicationId(rest: REST, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return application.parse(await rest.get(Routes.currentApplication())).id;
}

export interface Deployment {
  scope: 'global' | `guild ${string}`;
  commands: z.infer<typeof registered>;
}

/**
 * Registers every command in one bulk overwrite: to one guild when `guildId` is set (instant, for
 * development), globally otherwise. Commands no longer in the registry disappear.
 */
export async function deployCommands(
  rest: REST,
  appId: string,
  guildId: string | undefined,
  commands: readonly Command[],
): Promise<Deployment> {
  const body = commandDefinitions(commands);
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const result = registered.parse(await rest.put(route, { body }));
  return { scope: guildId ? `guild ${guildId}` : 'global', commands: result };
}
