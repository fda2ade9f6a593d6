import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, Post, PostKind, PostsTable } from './schema';

export interface ClaimRequest {
  groupId: number;
  kind: PostKind;
  periodKey: string;
  dueAt: Date;
}

const CHUNK = 1000;

/**
 * Inserts ledger rows for the requests that have none yet, in chunks, returning the rows this call
 * created: the unique (group, kind, period) key makes the first inserter the only owner.
 */
async function insertNew(
  db: Kysely<DB>,
  requests: ClaimRequest[],
  fields: Pick<Insertable<PostsTable>, 'state' | 'attempts' | 'claimed_by' | 'lease_until' | 'last_error'>,
): Promise<Post[]> {
  const created: Post[] = [];
  for (let i = 0; i < requests.length; i += CHUNK) {
    const rows = await db
      .insertInto('posts')
      .values(
        requests
          .slice(i, i + CHUNK)
          .map((r) => ({ group_id: r.groupId, kind: r.kind, period_key: r.periodKey, due_at: r.dueAt, ...fields })),
      )
      .onConflict((oc) => oc.columns(['group_id', 'kind', 'period_key']).doNothing())
      .returningAll()
      .execute();
    created.push(...rows);
  }
  return created;
}

/** Claims posts: two instances (or two ticks) never both own one. The claim is a lease until `leaseUntil`. */
export function claimPosts(db: Kysely<DB>, requests: ClaimRequest[], owner: string, leaseUntil: Date): Promise<Post[]> {
  return insertNew(db, requests, { state: 'claimed', attempts: 1, claimed_by: owner, lease_until: leaseUntil });
}

/** Records posts that came due while nobody could send them and are now too late. */
export async function recordSkipped(db: Kysely<DB>, requests: ClaimRequest[], reason: string): Promise<number> {
  return (await insertNew(db, requests, { state: 'skipped', last_error: reason })).length;
}

/**
 * Takes over claims whose lease ran out: a crashed instance's, or a post waiting for its retry. Locked
 * rows are skipped, so several instances share them without waiting on each other.
 */
export async function takeExpiredClaims(
  db: Kysely<DB>,
  owner: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<Post[]> {
  return db
    .updateTable('posts')
    .set((eb) => ({ lease_until: leaseUntil, claimed_by: owner, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('posts')
        .select('id')
        .where('state', '=', 'claimed')
        .where('lease_until', '<', now)
        // A paused group's claims wait, untouched, until it resumes.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('groups')
                .select('groups.id')
                .whereRef('groups.id', '=', 'posts.group_id')
                .where('groups.paused', '=', true),
            ),
          ),
        )
        .orderBy('lease_until')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('state', '=', 'claimed')
    .returningAll()
    .execute();
}

/** The keys of posts already in the ledger since `since`, to avoid re-claiming what is settled. */
export async function ledgerKeysSince(db: Kysely<DB>, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select(['group_id', 'kind', 'period_key'])
    .where('due_at', '>=', since)
    .execute();
  return rows.map((r) => ledgerKey(r.group_id, r.kind, r.period_key));
}

export const ledgerKey = (groupId: number, kind: string, periodKey: string) => `${groupId}|${kind}|${periodKey}`;

/** Records a settled post; only the lease holder may settle it. */
export async function settlePost(
  db: Kysely<DB>,
  post: Pick<Post, 'id' | 'claimed_by'>,
  outcome:
    | { state: 'posted'; messageRef: string; payload: unknown; at: Date }
    | { state: 'failed' | 'skipped'; error: string }
    | { state: 'retry'; error: string; retryAt: Date },
): Promise<boolean> {
  const base = db
    .updateTable('posts')
    .where('id', '=', post.id)
    .where('state', '=', 'claimed')
    .where('claimed_by', '=', post.claimed_by);
  const result =
    outcome.state === 'posted'
      ? await base
          .set({
            state: 'posted',
            message_ref: outcome.messageRef,
            posted_at: outcome.at,
            payload: JSON.stringify(outcome.payload),
            last_error: null,
          })
          .executeTakeFirst()
      : outcome.state === 'retry'
        ? await base.set({ last_error: outcome.error, lease_until: outcome.retryAt }).executeTakeFirst()
        : await base.set({ state: outcome.state, last_error: outcome.error }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Post counts by state, for tests, benchmarks and operators. */
export async function ledgerSummary(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('posts')
    .select(['state', sql<number>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
