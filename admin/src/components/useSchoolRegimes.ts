// The assessment regimes of the schools the signed-in user works at now (their current memberships'
// schools: org_units.school_level, readable by every signed-in user), or null while being read. Read
// once per set of schools and kept for the session: the menu and every regime-gated page ask it. An
// unreadable answer counts as no school (nothing hidden): the access rules and Postgres still decide.
import { useGetIdentity } from '@refinedev/core';
import type { SupabaseClient } from '@supabase/supabase-js';
import { useEffect, useState } from 'react';
import type { Database } from '../../../supabase/functions/_shared/database.ts';
import { useSupabase } from '../providers/supabase.tsx';
import type { Identity } from '../providers/userContext.ts';
import { regimesOf, type Regime } from './regimes.ts';

const asked = new Map<string, Promise<ReadonlySet<Regime>>>();

function readRegimes(supabase: SupabaseClient<Database>, key: string): Promise<ReadonlySet<Regime>> {
  let answer = asked.get(key);
  if (!answer) {
    answer = key === ''
      ? Promise.resolve(new Set<Regime>())
      : Promise.resolve(supabase.from('org_units').select('school_level').in('id', key.split(','))).then(({ data, error }) => {
          if (error) asked.delete(key); // asked again next time
          return error ? new Set<Regime>() : regimesOf((data ?? []).map((o) => o.school_level));
        });
    asked.set(key, answer);
  }
  return answer;
}

export function useSchoolRegimes(): ReadonlySet<Regime> | null {
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const key = identity ? [...new Set(identity.current.filter((m) => m.org_unit_kind === 'school').map((m) => m.org_unit_id))].sort().join(',') : null;
  const [known, setKnown] = useState<{ key: string; regimes: ReadonlySet<Regime> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let active = true;
    void readRegimes(supabase, key).then((regimes) => {
      if (active) setKnown({ key, regimes });
    });
    return () => {
      active = false;
    };
  }, [supabase, key]);
  return known && known.key === key ? known.regimes : null;
}
