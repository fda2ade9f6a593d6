-- Slack workspaces that installed the app through OAuth (multi-workspace mode): Bolt's installation store.
-- One row per workspace, or per Enterprise Grid organization for org-wide installs. The installation
-- column holds what Slack returned, tokens included: it is read by the bot and never logged.

CREATE TABLE slack_installations (
  install_key           text PRIMARY KEY,                -- 'team:T123' or, for org-wide installs, 'enterprise:E123'
  team_id               text,
  enterprise_id         text,
  is_enterprise_install boolean NOT NULL DEFAULT false,
  bot_user_id           text,
  installation          jsonb NOT NULL,
  installed_at          timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (is_enterprise_install OR team_id IS NOT NULL),
  CHECK (NOT is_enterprise_install OR enterprise_id IS NOT NULL)
);
