import type { PGlite } from '@electric-sql/pglite';

/**
 * A minimal pg-Pool look-alike over one PGlite instance, so kysely's own PostgresDialect drives it.
 * PGlite is a single connection: a connection is held exclusively until released, which keeps a
 * transaction's statements together and serializes everything else behind it.
 */
export function pglitePool(pg: PGlite) {
  let tail: Promise<void> = Promise.resolve();
  const commandOf = (sql: string) => {
    const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
    if (word !== 'WITH') return word;
    return /\b(INSERT|UPDATE|DELETE)\b/i.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
  };
  const client = {
    async query(sql: string, params: readonly unknown[] = []) {
      // Migrations are scripts of many statements: those need the simple-query protocol (exec).
      const script = params.length === 0 && /;\s*\S/.test(sql.replace(/--[^\n]*/g, ''));
      const result = script
        ? ((await pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
        : await pg.query<Record<string, unknown>>(sql, params as unknown[]);
      return {
        command: commandOf(sql),
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    },
  };
  return {
    async connect() {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      await previous;
      return { ...client, release };
    },
    async end() {
      await tail;
    },
  };
}
