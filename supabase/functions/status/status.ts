// Pure assembly of the status answer (tested in tests/functions/status.test.ts through the function).

export interface StatusInputs {
  system: { postgres_version: string; migrations: { version: string; name: string }[] } | null;
  systemError: string | null;
  context: { full_name: string | null; memberships: { role: string; org_unit_name: string; school_year: string | null }[] } | null;
  /** PostgREST's `Server` header, e.g. "postgrest/12.0.2". */
  serverHeader: string | null;
  caller: { role: string; id: string | null; email: string | null };
}

export function buildStatus(i: StatusInputs) {
  const postgrestVersion = /postgrest\/([\w.-]+)/i.exec(i.serverHeader ?? '')?.[1] ?? null;
  const memberships = i.context?.memberships ?? [];
  return {
    postgres_version: i.system?.postgres_version ?? null,
    postgrest_version: postgrestVersion,
    migrations: i.system?.migrations ?? [],
    database_error: i.systemError,
    caller: {
      ...i.caller,
      full_name: i.context?.full_name ?? null,
      roles: [...new Set(memberships.map((m) => m.role))].sort(),
      memberships,
    },
  };
}
