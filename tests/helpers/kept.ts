// The tables kept by triggers (issue 13: subject and student results, the progress sums, the school-year
// counts) must always equal their definition. How many rows differ, both directions, duplicates counted.
import type pg from 'pg';

/** Rows where each kept table and its computation (a view) disagree, summed over the pairs given. */
export async function keptDifferences(client: pg.ClientBase, ...pairs: [kept: string, computed: string][]): Promise<number> {
  let n = 0;
  for (const [kept, computed] of pairs) {
    const { rows: [r] } = await client.query<{ n: number }>(`
      select count(*)::int as n from (
        (select * from ${kept} except all select * from ${computed})
        union all
        (select * from ${computed} except all select * from ${kept})) d`);
    n += r!.n;
  }
  return n;
}
