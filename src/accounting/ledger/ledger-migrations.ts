import type { SqliteDatabase } from './sqlite-driver.js';

/**
 * Only the time is indexed: every report reads a time range, and each further index costs every
 * write (two more made an insert about 40 % dearer). A lookup by request id scans, which is fine
 * for a support question and never on the hot path.
 *
 * The ledger schema, one entry per version; entry N moves a database from version N to N + 1.
 * Never edit a shipped entry: append a new one. The version lives in `PRAGMA user_version`.
 */
export const LEDGER_MIGRATIONS: readonly string[] = [
  `CREATE TABLE calls (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     request_id TEXT NOT NULL,
     api_key TEXT,
     user_id TEXT,
     team TEXT,
     task TEXT,
     tags TEXT,
     route TEXT,
     provider TEXT,
     model TEXT,
     attempts TEXT,
     fallbacks INTEGER NOT NULL DEFAULT 0,
     input_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     cached_input_tokens INTEGER NOT NULL,
     cache_write_tokens INTEGER NOT NULL,
     reasoning_tokens INTEGER NOT NULL,
     tokens_estimated INTEGER NOT NULL DEFAULT 0,
     cost_pico_usd INTEGER NOT NULL,
     cost_estimated INTEGER NOT NULL DEFAULT 0,
     latency_ms INTEGER NOT NULL,
     time_to_first_token_ms INTEGER,
     outcome TEXT NOT NULL,
     error_kind TEXT,
     cache_hit INTEGER NOT NULL DEFAULT 0,
     stream INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX calls_at ON calls (at);`,
];

export const LEDGER_SCHEMA_VERSION = LEDGER_MIGRATIONS.length;

/** Brings the database to the current version in one transaction; refuses a newer one. */
export function migrateLedger(db: SqliteDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LEDGER_SCHEMA_VERSION) {
    throw new Error(
      `the ledger database is at schema version ${version}, newer than this Switchyard knows (${LEDGER_SCHEMA_VERSION}); upgrade Switchyard`,
    );
  }
  if (version === LEDGER_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let next = version; next < LEDGER_SCHEMA_VERSION; next++) db.exec(LEDGER_MIGRATIONS[next]!);
    db.pragma(`user_version = ${LEDGER_SCHEMA_VERSION}`);
  })();
}
