// The RPCs whose body reads as the owner after checking who asks (issue 13: class_summary, gradebook_sheet)
// are tested against their former answers, read under the caller's row-level security: each call as the
// user, in a transaction rolled back afterwards, with the former state put back first when asked.
import type pg from 'pg';

/**
 * Runs `fn` as the user (role and claims, as PostgREST sets them) in a transaction rolled back afterwards;
 * `setup` runs first, as the superuser (e.g. the former function's definition).
 */
export async function asUserRolledBack<T>(c: pg.ClientBase, claims: { sub: string; role: string }, fn: () => Promise<T>, setup?: string): Promise<T> {
  await c.query('begin');
  try {
    if (setup) await c.query(setup);
    await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ ...claims, aud: 'authenticated' })]);
    await c.query(`set local role ${claims.role}`);
    return await fn();
  } finally {
    await c.query('rollback');
  }
}

/** The statement's column `j`, or its refusal as "SQLSTATE: message" (a savepoint keeps the transaction usable). */
export async function answerOrRefusal(c: pg.ClientBase, sql: string, values: unknown[]): Promise<unknown> {
  await c.query('savepoint s');
  try {
    const { rows: [r] } = await c.query<{ j: unknown }>(sql, values);
    await c.query('release savepoint s');
    return r!.j;
  } catch (e) {
    await c.query('rollback to savepoint s');
    const { code, message } = e as { code?: string; message?: string };
    return `${code}: ${message}`;
  }
}
