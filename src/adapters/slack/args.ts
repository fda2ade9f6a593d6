import { tokenize } from '../../core/command';
import { userId } from './ids';

const decodeEntities = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * A slash command's text -> the core's tokens. Slack escapes mentions as `<@U123|name>` (the manifest
 * asks it to), channels as `<#C1|name>` and links as `<url|label>`; members are handed to the core as
 * `<@slack:T/U123>`. Smart quotes, which Slack clients like to insert, group words like straight ones.
 */
export function commandArgs(text: string, team: string): string[] {
  const normalized = text
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `\uE000${id}\uE000`)
    .replace(/<#[CGD][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, '$1');
  return tokenize(normalized).map((token) =>
    decodeEntities(token).replace(/\uE000([UW][A-Z0-9]+)\uE000/g, (_m, id: string) => `<@${userId(team, id)}>`),
  );
}
