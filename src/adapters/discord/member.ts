import { GuildMember, type Interaction, PermissionFlagsBits } from 'discord.js';

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * Whether the member counts as an organizer on Discord's side: Manage Server (Administrator implies it) or
 * the configured organizer role, given by id or by name. The core adds the group's own organizers.
 */
export function isDiscordOrganizer(interaction: Interaction, organizerRole: string | undefined): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!organizerRole) return false;
  const member = interaction.member;
  const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
  if (SNOWFLAKE.test(organizerRole)) return roleIds.includes(organizerRole);
  const wanted = organizerRole.replace(/^@/, '').toLowerCase();
  return roleIds.some((id) => interaction.guild?.roles.cache.get(id)?.name.toLowerCase() === wanted);
}

/** The name the member goes by in this server. */
export function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.globalName ?? interaction.user.username;
}
