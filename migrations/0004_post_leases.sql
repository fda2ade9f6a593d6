-- Scheduler: a claim is a lease. A post whose lease ran out (its instance crashed, or a transient failure
-- asked for a retry later) may be taken over; the taker first asks the platform whether it went out.
ALTER TABLE posts ADD COLUMN lease_until timestamptz NOT NULL DEFAULT now();
ALTER TABLE posts ADD COLUMN due_at timestamptz;
ALTER TABLE posts ADD COLUMN claimed_by text;
DROP INDEX posts_state_idx;
CREATE INDEX posts_open_claims_idx ON posts (lease_until) WHERE state = 'claimed';
