import { updateGroup } from '../../db/groups';
import {
  type ClaimRequest,
  claimPosts,
  ledgerKey,
  ledgerKeysSince,
  recordSkipped,
  settlePost,
  takeExpiredClaims,
} from '../../db/posts';
import type { Group, Post } from '../../db/schema';
import { DeliveryError, type Poster } from '../delivery';
import type { Message } from '../message';
import { duePosts, LOOKBACK_DAYS, nextDueInstant, stillRelevant } from '../schedule';
import type { CoreDeps } from '../types';
import { dailyProblemPost } from './daily-problem';
import { forEachLimit } from './limit';
import { weeklyDigest } from './weekly-digest';
import { weeklyMilestonePost } from './weekly-milestone';

export interface SchedulerOptions {
  /** Identifies this instance in the ledger (claimed_by). */
  instanceId: string;
  /** How long a claim is held before another instance may take it over. */
  leaseMs: number;
  /** Posts sent at once. */
  concurrency: number;
  /** Transient failures are retried this many times, with exponential backoff from `retryBaseMs`. */
  maxAttempts: number;
  retryBaseMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Omit<SchedulerOptions, 'instanceId'> = {
  leaseMs: 120_000,
  concurrency: 64,
  maxAttempts: 6,
  retryBaseMs: 30_000,
};

const KIND_ORDER = { digest: 0, milestone: 1, daily: 2 } as const;

export interface TickResult {
  claimed: number;
  posted: number;
  recovered: number;
  skipped: number;
  failed: number;
  retrying: number;
}

/** The key a post carries on the platform (Slack metadata, Discord nonce) so a retry can find it. */
export const idempotencyKey = (post: Pick<Post, 'group_id' | 'kind' | 'period_key'>) =>
  `br:${post.group_id}:${post.kind}:${post.period_key}`;

/**
 * The scheduler's work for one instant, shared by the cron tick, the console's `:advance` and tests:
 * claim every post that fell due (recording outdated ones as skipped), take over expired claims, and
 * deliver them with bounded concurrency. Safe to run on several instances at once.
 */
export function createDuePostRunner(deps: CoreDeps, poster: Poster, options: SchedulerOptions) {
  // Keys this instance knows are in the ledger: a steady-state tick then touches the database once.
  const settled = new Set<string>();
  let primedSince: Date | undefined;

  async function build(group: Group, post: Post): Promise<{ message: Message; payload: unknown }> {
    switch (post.kind) {
      case 'daily':
        return dailyProblemPost(deps, group, post.period_key);
      case 'milestone':
        return weeklyMilestonePost(deps, group, Number(post.period_key.split(':week-')[1]));
      case 'digest': {
        const message = await weeklyDigest(deps, group, {
          date: post.period_key,
          at: post.due_at ?? new Date(),
          forOrganizers: false,
        });
        return { message, payload: {} };
      }
    }
  }

  async function deliver(group: Group, post: Post, now: Date, result: TickResult) {
    const key = idempotencyKey(post);
    const log = deps.log.child({
      group: group.channel_id,
      kind: post.kind,
      period: post.period_key,
      attempt: post.attempts,
    });
    try {
      if (!stillRelevant(group, post, now)) {
        await settlePost(deps.db, post, { state: 'skipped', error: 'outdated before it could be sent' });
        result.skipped++;
        return;
      }
      if (post.attempts > 1) {
        // An earlier attempt may have reached the platform before its instance died: look before sending.
        const found = await poster.findPost(group.channel_id, key);
        if (found) {
          await settlePost(deps.db, post, {
            state: 'posted',
            messageRef: found.messageRef,
            payload: { recovered: true },
            at: now,
          });
          result.recovered++;
          return;
        }
      }
      const { message, payload } = await build(group, post);
      const receipt = await poster.post(group.channel_id, message, key);
      await settlePost(deps.db, post, { state: 'posted', messageRef: receipt.messageRef, payload, at: now });
      if (group.delivery_error) await updateGroup(deps.db, group.id, { delivery_error: null });
      result.posted++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof DeliveryError && err.permanent) {
        await settlePost(deps.db, post, { state: 'failed', error: reason });
        await updateGroup(deps.db, group.id, { delivery_error: `${reason} (${post.kind} ${post.period_key})` });
        log.warn({ reason }, 'post failed permanently');
        result.failed++;
      } else if (post.attempts >= options.maxAttempts) {
        await settlePost(deps.db, post, { state: 'failed', error: reason });
        log.error({ err }, 'post failed after retries');
        result.failed++;
      } else {
        const retryAt = new Date(now.getTime() + options.retryBaseMs * 2 ** (post.attempts - 1));
        await settlePost(deps.db, post, { state: 'retry', error: reason, retryAt });
        log.warn({ reason, retryAt }, 'post will be retried');
        result.retrying++;
      }
    }
  }

  return async function runDuePosts(now: Date): Promise<TickResult> {
    const result: TickResult = { claimed: 0, posted: 0, recovered: 0, skipped: 0, failed: 0, retrying: 0 };
    const since = new Date(now.getTime() - (LOOKBACK_DAYS + 8) * 86_400_000);
    // Reload from the ledger on the first tick, when time moves backwards, and once a day, so the set
    // holds only the look-back window instead of growing for as long as the process runs.
    const stale = !primedSince || primedSince > since || since.getTime() - primedSince.getTime() > 86_400_000;
    if (stale) {
      const keys = await ledgerKeysSince(deps.db, since);
      settled.clear();
      for (const k of keys) settled.add(k);
      primedSince = since;
    }
    const groups = await deps.db.selectFrom('groups').selectAll().where('paused', '=', false).execute();
    const byId = new Map(groups.map((g) => [g.id, g]));

    const fresh: ClaimRequest[] = [];
    const outdated: ClaimRequest[] = [];
    for (const group of groups) {
      for (const due of duePosts(group, now, deps.pack.plan.length)) {
        if (settled.has(ledgerKey(group.id, due.kind, due.periodKey))) continue;
        (due.relevant ? fresh : outdated).push({
          groupId: group.id,
          kind: due.kind,
          periodKey: due.periodKey,
          dueAt: due.dueAt,
        });
      }
    }
    if (outdated.length > 0)
      result.skipped += await recordSkipped(deps.db, outdated, 'outdated: the bot was not running when it was due');
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const claimed = await claimPosts(deps.db, fresh, options.instanceId, leaseUntil);
    // Whoever claimed them, these are in the ledger now: later ticks need not ask again.
    for (const r of [...fresh, ...outdated]) settled.add(ledgerKey(r.groupId, r.kind, r.periodKey));
    result.claimed = claimed.length;
    const expired = await takeExpiredClaims(deps.db, options.instanceId, now, leaseUntil, 10_000);

    // Groups in parallel; one group's posts in order (the week's milestone before the day's problem).
    const perGroup = new Map<number, Post[]>();
    for (const post of [...claimed, ...expired])
      perGroup.set(post.group_id, [...(perGroup.get(post.group_id) ?? []), post]);
    await forEachLimit([...perGroup], options.concurrency, async ([groupId, posts]) => {
      const group = byId.get(groupId);
      if (!group) return;
      posts.sort(
        (a, b) => (a.due_at?.getTime() ?? 0) - (b.due_at?.getTime() ?? 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
      );
      for (const post of posts) await deliver(group, post, now, result);
    });
    return result;
  };
}

/** The next instant after `after` when any active group has something due; null if none within a week. */
export async function nextDueAcrossGroups(deps: CoreDeps, after: Date): Promise<Date | null> {
  const groups = await deps.db.selectFrom('groups').selectAll().where('paused', '=', false).execute();
  let best: Date | null = null;
  for (const g of groups) {
    const t = nextDueInstant(g, after);
    if (t && (!best || t < best)) best = t;
  }
  return best;
}
