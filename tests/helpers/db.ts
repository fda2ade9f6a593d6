import path from 'node:path';
import { sql } from 'kysely';
import { loadPack } from '../../src/content/load';
import type { Pack } from '../../src/content/schema';
import { type Database, openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';

/**
 * One migrated database per test worker, shared by its test files: PGlite in memory, or — when
 * DATABASE_URL is set — a schema of its own on that Postgres, so parallel workers never collide.
 */
let shared: Promise<Database> | undefined;

export const onPostgres = Boolean(process.env.DATABASE_URL);

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrate(database.db);
    return database;
  }
  const schema = `test_worker_${process.env.VITEST_POOL_ID ?? process.pid}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(admin.db);
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const database = await openDatabase({ url, schema, poolSize: 8 });
  await migrate(database.db);
  return database;
}

export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

const TABLES = ['points', 'checklist_marks', 'ratings', 'completions', 'posts', 'daily_problems', 'members', 'groups'];

/** Empties every table (keeping the schema), so each test starts from nothing. */
export async function resetDatabase(database: Database): Promise<void> {
  await sql`TRUNCATE ${sql.join(TABLES.map((t) => sql.id(t)))} RESTART IDENTITY CASCADE`.execute(database.db);
}

let mini: Promise<Pack> | undefined;
/** A small, stable content pack for tests (tests/fixtures/packs/mini). */
export function miniPack(): Promise<Pack> {
  mini ??= loadPack(path.resolve(import.meta.dirname, '../fixtures/packs/mini'));
  return mini;
}
