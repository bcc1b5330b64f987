// Database errors the repositories turn into answers, recognised on both engines.

/** A UNIQUE or PRIMARY KEY constraint refused a row: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || (e.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY/.test(e.message ?? ''));
}
