// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import path from 'node:path';
import { ConfigError, parseConfig } from '../config';
import { openDatabase } from './database';
import { migrate } from './migrate';

try {
  const config = parseConfig(process.env);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR) });
  try {
    const applied = await migrate(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : `${database.kind}: up to date`);
  } finally {
    await database.close();
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`invalid environment:\n  ${err.problems.join('\n  ')}`);
  process.exit(2);
}
