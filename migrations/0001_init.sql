-- Bar Raiser initial schema: study groups, members, the delivery ledger, activity, ratings and points.
-- Applied once, in order, by src/db/migrate.ts; never edit a migration that has shipped.

CREATE TABLE groups (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id          text NOT NULL UNIQUE,               -- platform-prefixed, e.g. slack:T1/C2
  workspace_id        text NOT NULL,                      -- platform-prefixed workspace / guild
  name                text NOT NULL DEFAULT '',
  timezone            text NOT NULL DEFAULT 'UTC',
  post_time           text NOT NULL DEFAULT '09:00' CHECK (post_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  digest_weekday      smallint NOT NULL DEFAULT 0 CHECK (digest_weekday BETWEEN 0 AND 6), -- 0 = Sunday
  digest_time         text NOT NULL DEFAULT '18:00' CHECK (digest_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  cohort_start        date NOT NULL,
  target_level        text NOT NULL DEFAULT 'L6' CHECK (target_level IN ('L6', 'L7')),
  content_pack        text NOT NULL DEFAULT 'amazon-em',
  paused              boolean NOT NULL DEFAULT false,
  leaderboard_enabled boolean NOT NULL DEFAULT true,
  delivery_error      text,                               -- last permanent delivery failure, shown to organizers
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id             text NOT NULL,                      -- platform-prefixed user id
  display_name        text NOT NULL DEFAULT '',
  target_level        text CHECK (target_level IN ('L6', 'L7')), -- NULL: the group's level
  is_organizer        boolean NOT NULL DEFAULT false,
  leaderboard_opt_out boolean NOT NULL DEFAULT false,
  streak_current      integer NOT NULL DEFAULT 0,
  streak_best         integer NOT NULL DEFAULT 0,
  streak_last_date    date,                               -- group-local day of the last activity
  streak_grace_date   date,                               -- the missed day last forgiven (one a week)
  last_seen_at        timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (group_id, user_id)
);

-- Which problem a group gets on a local day; a problem is not repeated within a cycle through the pack.
CREATE TABLE daily_problems (
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  local_date          date NOT NULL,
  problem_id          text NOT NULL,
  plan_week           integer NOT NULL,
  cycle               integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, local_date),
  UNIQUE (group_id, cycle, problem_id)
);

-- The delivery ledger: a post is claimed before it is sent, so it is never sent twice.
CREATE TABLE posts (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('daily', 'milestone', 'digest')),
  period_key          text NOT NULL,                      -- local date, or plan week
  payload             jsonb NOT NULL DEFAULT '{}',
  state               text NOT NULL DEFAULT 'claimed' CHECK (state IN ('claimed', 'posted', 'failed', 'skipped')),
  message_ref         text,
  attempts            integer NOT NULL DEFAULT 0,
  last_error          text,
  claimed_at          timestamptz NOT NULL DEFAULT now(),
  posted_at           timestamptz,
  UNIQUE (group_id, kind, period_key)
);
CREATE INDEX posts_state_idx ON posts (state, claimed_at) WHERE state = 'claimed';

CREATE TABLE completions (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id           bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  problem_id          text NOT NULL,
  local_date          date NOT NULL,
  confidence          smallint CHECK (confidence BETWEEN 1 AND 5),
  completed_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, problem_id)
);
CREATE INDEX completions_group_date_idx ON completions (group_id, local_date);

-- Self-ratings are append-only history.
CREATE TABLE ratings (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id           bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  competency          text NOT NULL,
  rating              smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  level               text NOT NULL CHECK (level IN ('L6', 'L7')),
  rated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ratings_member_idx ON ratings (member_id, competency, rated_at DESC);

CREATE TABLE checklist_marks (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id           bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  item_id             text NOT NULL,
  done                boolean NOT NULL,
  marked_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checklist_marks_member_idx ON checklist_marks (member_id, item_id, marked_at DESC);

-- The points ledger: unique per (member, reason, reference), so nothing is ever awarded twice.
CREATE TABLE points (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id           bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  reason              text NOT NULL,
  reference           text NOT NULL,
  points              integer NOT NULL,
  local_date          date NOT NULL,
  awarded_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, reason, reference)
);
CREATE INDEX points_group_date_idx ON points (group_id, local_date, member_id);
