import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';

/** The Postgres server benchmarks use: DATABASE_URL's server, default the local one. */
export const BENCH_SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a fresh, migrated database for one benchmark; `drop` removes it afterwards. */
export async function benchDatabase(name: string): Promise<{ url: string; database: Database; drop(): Promise<void> }> {
  const dbName = `bar_raiser_bench_${name}_${Date.now()}`;
  const admin = await openDatabase({ url: BENCH_SERVER, poolSize: 1 });
  await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin.db);
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await migrate(database.db);
  return {
    url: url.toString(),
    database,
    async drop() {
      await database.close();
      await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    },
  };
}
