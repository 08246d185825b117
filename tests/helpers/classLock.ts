// Suites that change the same class's archived year files take turns: a Postgres advisory lock held on a
// connection of the suite's own for as long as it works on the class (files of different projects run two at
// a time). Today 2025–2026 10A1 of THPT Tân Đông: the correction suites relock it (which reprints an
// archived student's year) and the signing e2e signs every year file of it. Also Học kỳ I of the current year
// (THPT_CURRENT_HK1), which the lock test of the score_entries e2e locks school-wide.
import { superuser } from './stack.ts';

/** Waits for the class's turn; the answer gives it back. */
export async function holdClass(name: string): Promise<() => Promise<void>> {
  const su = await superuser();
  await su.query('select pg_advisory_lock(hashtext($1))', [`class:${name}`]);
  return async () => {
    await su.query('select pg_advisory_unlock(hashtext($1))', [`class:${name}`]).catch(() => undefined);
    await su.end();
  };
}

export const THPT_2025_10A1 = 'thpt-tandong/2025-2026/10A1';
/** Học kỳ I of the demo's current year, 10A1 Toán: the score_entries e2e types and saves its GK column and locks
 *  Học kỳ I school-wide; the phones e2e types the same column. One at a time. */
export const THPT_CURRENT_HK1 = 'thpt-tandong/2026-2027/hk1';
