import type { ColumnType, Generated, Selectable } from 'kysely';

/** Columns the database fills in: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A `date` column: read as 'YYYY-MM-DD' on both drivers (see database.ts). */
type DateText = string;

export interface GroupsTable {
  id: Generated<number>;
  channel_id: string;
  workspace_id: string;
  name: Defaulted<string>;
  timezone: Defaulted<string>;
  post_time: Defaulted<string>;
  digest_weekday: Defaulted<number>;
  digest_time: Defaulted<string>;
  cohort_start: DateText;
  target_level: Defaulted<'L6' | 'L7'>;
  content_pack: Defaulted<string>;
  paused: Defaulted<boolean>;
  leaderboard_enabled: Defaulted<boolean>;
  delivery_error: Defaulted<string | null>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface MembersTable {
  id: Generated<number>;
  group_id: number;
  user_id: string;
  display_name: Defaulted<string>;
  target_level: Defaulted<'L6' | 'L7' | null>;
  is_organizer: Defaulted<boolean>;
  leaderboard_opt_out: Defaulted<boolean>;
  streak_current: Defaulted<number>;
  streak_best: Defaulted<number>;
  streak_last_date: Defaulted<DateText | null>;
  streak_grace_date: Defaulted<DateText | null>;
  last_seen_at: Defaulted<Date>;
  created_at: Defaulted<Date>;
}

export interface DailyProblemsTable {
  group_id: number;
  local_date: DateText;
  problem_id: string;
  plan_week: number;
  cycle: Defaulted<number>;
  created_at: Defaulted<Date>;
}

export type PostKind = 'daily' | 'milestone' | 'digest';
export type PostState = 'claimed' | 'posted' | 'failed' | 'skipped';

export interface PostsTable {
  id: Generated<number>;
  group_id: number;
  kind: PostKind;
  period_key: string;
  payload: Defaulted<unknown>;
  state: Defaulted<PostState>;
  message_ref: Defaulted<string | null>;
  attempts: Defaulted<number>;
  last_error: Defaulted<string | null>;
  claimed_at: Defaulted<Date>;
  posted_at: Defaulted<Date | null>;
  lease_until: Defaulted<Date>;
  due_at: Defaulted<Date | null>;
  claimed_by: Defaulted<string | null>;
}

export interface CompletionsTable {
  id: Generated<number>;
  member_id: number;
  group_id: number;
  problem_id: string;
  local_date: DateText;
  confidence: Defaulted<number | null>;
  completed_at: Defaulted<Date>;
}

export interface RatingsTable {
  id: Generated<number>;
  member_id: number;
  competency: string;
  rating: number;
  level: 'L6' | 'L7';
  rated_at: Defaulted<Date>;
}

export interface ChecklistMarksTable {
  id: Generated<number>;
  member_id: number;
  item_id: string;
  done: boolean;
  marked_at: Defaulted<Date>;
}

export interface PointsTable {
  id: Generated<number>;
  member_id: number;
  group_id: number;
  reason: string;
  reference: string;
  points: number;
  local_date: DateText;
  awarded_at: Defaulted<Date>;
}

/** Running totals per member and leaderboard period ('all', 'week:<Monday>', 'month:YYYY-MM'); see points.ts. */
export interface PointsRollupTable {
  group_id: number;
  member_id: number;
  period: string;
  points: number;
}

/** Slack workspaces installed through OAuth: Bolt's installation store (migration 0002). */
export interface SlackInstallationsTable {
  /** `team:T123`, or `enterprise:E123` for an org-wide install. */
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: Defaulted<boolean>;
  bot_user_id: string | null;
  /** Bolt's Installation as JSON (tokens included); written as text, read back as an object. */
  installation: ColumnType<unknown, string, string>;
  installed_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Defaulted<Date>;
}

/** The whole schema, as kysely sees it. */
export interface DB {
  groups: GroupsTable;
  members: MembersTable;
  daily_problems: DailyProblemsTable;
  posts: PostsTable;
  completions: CompletionsTable;
  ratings: RatingsTable;
  checklist_marks: ChecklistMarksTable;
  points: PointsTable;
  points_rollup: PointsRollupTable;
  slack_installations: SlackInstallationsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Group = Selectable<GroupsTable>;
export type Member = Selectable<MembersTable>;
export type Post = Selectable<PostsTable>;
