import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, manifestJson, PLACEHOLDER_URL, slackManifest } from '../../src/adapters/slack/manifest';
import { commands } from '../../src/core/commands/index';

const committed = path.resolve(import.meta.dirname, '../../slack-manifest.json');

describe('the Slack app manifest', () => {
  it('is committed exactly as `npm run slack:manifest` generates it from the command registry', () => {
    const generated = manifestJson(commands, { baseUrl: PLACEHOLDER_URL });
    const onDisk = readFileSync(committed, 'utf8');
    expect(onDisk, 'slack-manifest.json is out of date: run `npm run slack:manifest` and commit it').toBe(generated);
  });

  it('asks for the scopes the bot uses, and no others', () => {
    const manifest = slackManifest(commands, { baseUrl: 'https://bot.example.org' });
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    for (const scope of ['commands', 'chat:write', 'chat:write.public', 'users:read', 'files:write'])
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });

  it('has one slash command per registered command, with its usage hint, sent to /slack/events', () => {
    const manifest = slackManifest(commands, { baseUrl: 'https://bot.example.org/' });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe('https://bot.example.org/slack/events');
      expect(c.should_escape).toBe(true);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.description).not.toMatch(/[`*]/);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
    const daily = manifest.features.slash_commands.find((c) => c.command === '/daily');
    expect(daily?.usage_hint).toBe('hint | done [confidence 1-5]');
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://bot.example.org/slack/events',
    });
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://bot.example.org/slack/oauth_redirect']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_uninstalled', 'tokens_revoked']);
  });

  it('has no request URLs in Socket Mode', () => {
    const json = JSON.stringify(slackManifest(commands, { baseUrl: PLACEHOLDER_URL, socketMode: true }));
    expect(json).not.toContain('https://bar-raiser.example.com');
    expect(json).toContain('"socket_mode_enabled":true');
  });
});
