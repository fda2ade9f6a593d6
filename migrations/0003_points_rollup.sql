-- Running point totals per member for the leaderboard's periods, so a board reads at most one row per
-- member however long the ledger grows. Kept by src/db/points.ts `award`, in the same statement that
-- writes the ledger row, so the two can never disagree.
CREATE TABLE points_rollup (
  group_id            bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  member_id           bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  -- 'all'; 'week:YYYY-MM-DD' (the Monday of a group-local week); 'month:YYYY-MM'
  period              text NOT NULL CHECK (period ~ '^(all|week:\d{4}-\d{2}-\d{2}|month:\d{4}-\d{2})$'),
  points              integer NOT NULL,
  PRIMARY KEY (group_id, period, member_id)
);
-- A board reads its top straight off this index and counts the rows above the caller along it.
CREATE INDEX points_rollup_rank_idx ON points_rollup (group_id, period, points DESC, member_id);
-- Deleting a member cascades here.
CREATE INDEX points_rollup_member_idx ON points_rollup (member_id);
-- The few members hidden from a group's board.
CREATE INDEX members_opt_out_idx ON members (group_id) WHERE leaderboard_opt_out;

-- Points already in the ledger.
INSERT INTO points_rollup (group_id, member_id, period, points)
SELECT p.group_id, p.member_id, k.period, sum(p.points)
FROM points p
CROSS JOIN LATERAL (VALUES
  ('all'),
  ('week:' || to_char(p.local_date - (extract(isodow FROM p.local_date)::int - 1), 'YYYY-MM-DD')),
  ('month:' || to_char(p.local_date, 'YYYY-MM'))
) AS k (period)
GROUP BY p.group_id, p.member_id, k.period;
