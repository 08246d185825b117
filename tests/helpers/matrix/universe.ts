// What each resource holds in the fixture, read with the superuser, tagged so that a scope can be
// evaluated in TypeScript: the school a row belongs to (null = national, e.g. subjects), the classes and
// students it concerns, its owner (the person it is about / who did it), for gradebook rows the class ×
// subject pairs (`assignment` and `department` narrow to pairs where a row has them, to classes where
// it has none: conduct, attendance) and, for profiles, whether the person is staff. `expectedVisible`
// turns a matrix scope into the exact set of rows a user must get. The result views have no id: their
// rows are named by the key columns joined with `|` (null = empty), see `keys`.
import { matrix } from '../../../policies/matrix.ts';
import { scopeOf, type Resource, type Role, type Scope } from '../../../policies/types.ts';
import type { Fixture, FxUser } from './fixture.ts';

export interface Row {
  id: string; school: string | null; classes: string[]; students: string[]; owner: string | null; staff: boolean;
  /** Gradebook rows: `class|subject` of the row (empty for rows about a class only). */
  pairs: string[];
  /** Audit entries: the table the entry describes, and each of its rows tagged as a row of that table. */
  about?: string;
  /** Memberships: a BGH role (principal, vice principal), which Phòng/Sở officers above the school read. */
  bgh?: boolean;
  parts?: Row[];
}

// Screens and RPC-driven resources are tried by their own suites: the correction procedure
// (tests/api/corrections.test.ts), the publication of results and the family's view of them
// (tests/api/publications.test.ts), TT27 qualities (tests/api/primary_entries.test.ts), progress, checks
// and deadlines (tests/api/progress_checks.test.ts), printing and the archive (tests/functions/print.test.ts,
// tests/api/documents.test.ts), signatures (tests/functions/sign.test.ts, tests/e2e/signing.test.ts), health
// (tests/api/health.test.ts), electronic dossiers (their API, function and e2e suites), the offices'
// overview (tests/api/office_overview.test.ts).
export type TableResource = Exclude<Resource, 'dashboard' | 'status' | 'account' | 'school_summaries' | 'correction_requests' | 'result_publications'
  | 'my_results' | 'quality_ratings' | 'gradebook_progress' | 'inspections' | 'school_deadlines' | 'documents' | 'signing' | 'health' | 'health_alerts'
  | 'dossiers' | 'dossier_reviews' | 'dossier_compliance' | 'dossier_catalogue' | 'dossier_schools' | 'office_overview' | 'backups' | 'year_cycle'>;

const enrolled = (studentExpr: string) => `coalesce((select array_agg(e.class_id::text) from public.enrolments e where e.student_id = ${studentExpr}), '{}')`;
const none = `'{}'::text[]`;

const pair = (alias: string) => `array[${alias}.class_id::text || '|' || ${alias}.subject_id::text]`;
const gradebookRows = (table: string, withSubject: boolean) =>
  `select x.id::text, x.school_id::text as school, array[x.class_id::text] as classes, array[x.student_id::text] as students,
      null as owner, ${withSubject ? pair('x') : none} as pairs from public.${table} x where x.school_id = any($1)`;

/**
 * table, key column and the tagged rows of the fixture ($1 schools, $2 subjects, $3 all org units).
 * `keys`: the columns naming a row of a view without an id (the row's `id` is their values joined with
 * `|`); the first one is a student id, which lists filter on.
 */
export const TABLES: Record<TableResource, { table: string; key: string; sql: string; keys?: string[]; rpc?: string }> = {
  schools: { table: 'schools', key: 'id', sql: `select id::text, id::text as school, ${none} as classes, ${none} as students, null as owner from public.org_units where id = any($1)` },
  school_years: { table: 'school_years', key: 'id', sql: `select id::text, school_id::text as school, ${none} as classes, ${none} as students, null as owner from public.school_years where school_id = any($1)` },
  subjects: { table: 'subjects', key: 'id', sql: `select id::text, null as school, ${none} as classes, ${none} as students, null as owner from public.subjects where id = any($2)` },
  departments: { table: 'departments', key: 'id', sql: `select id::text, school_id::text as school, ${none} as classes, ${none} as students, null as owner from public.departments where school_id = any($1)` },
  department_members: { table: 'department_members', key: 'id', sql: `select id::text, school_id::text as school, ${none} as classes, ${none} as students, profile_id::text as owner from public.department_members where school_id = any($1)` },
  classes: { table: 'classes', key: 'id', sql: `select c.id::text, c.school_id::text as school, array[c.id::text] as classes,
      coalesce((select array_agg(e.student_id::text) from public.enrolments e where e.class_id = c.id), '{}') as students, null as owner from public.classes c where c.school_id = any($1)` },
  class_subjects: { table: 'class_subjects', key: 'id', sql: `select id::text, school_id::text as school, array[class_id::text] as classes, ${none} as students, null as owner from public.class_subjects where school_id = any($1)` },
  teaching_assignments: { table: 'teaching_assignments', key: 'id', sql: `select id::text, school_id::text as school, array[class_id::text] as classes, ${none} as students, teacher_id::text as owner from public.teaching_assignments where school_id = any($1)` },
  students: { table: 'students', key: 'id', sql: `select s.id::text, s.school_id::text as school, ${enrolled('s.id')} as classes, array[s.id::text] as students, null as owner from public.students s where s.school_id = any($1)` },
  student_details: { table: 'student_details', key: 'student_id', sql: `select d.student_id::text as id, d.school_id::text as school, ${enrolled('d.student_id')} as classes, array[d.student_id::text] as students, null as owner from public.student_details d where d.school_id = any($1)` },
  guardians: { table: 'guardians', key: 'id', sql: `select g.id::text, g.school_id::text as school, ${enrolled('g.student_id')} as classes, array[g.student_id::text] as students, null as owner from public.guardians g where g.school_id = any($1)` },
  enrolments: { table: 'enrolments', key: 'id', sql: `select id::text, school_id::text as school, array[class_id::text] as classes, array[student_id::text] as students, null as owner from public.enrolments where school_id = any($1)` },
  subject_exemptions: { table: 'subject_exemptions', key: 'id', sql: `select x.id::text, x.school_id::text as school, ${enrolled('x.student_id')} as classes, array[x.student_id::text] as students, null as owner from public.subject_exemptions x where x.school_id = any($1)` },
  profiles: { table: 'profiles', key: 'id', sql: `select p.id::text, (select m.org_unit_id::text from public.memberships m where m.profile_id = p.id order by m.created_at limit 1) as school,
      ${none} as classes, ${none} as students, p.id::text as owner,
      exists (select 1 from public.memberships m where m.profile_id = p.id and m.role = any (private.school_staff_roles())) as staff
      from public.profiles p where p.id in (select m.profile_id from public.memberships m where m.org_unit_id = any($3))` },
  memberships: { table: 'memberships', key: 'id', sql: `select id::text, org_unit_id::text as school, ${none} as classes, ${none} as students, profile_id::text as owner,
      role in ('principal', 'vice_principal') as bgh from public.memberships where org_unit_id = any($3)` },
  // Account records: the actor owns what it did (the person the record is about reads it too; in the
  // fixture those are spare accounts, never actors).
  account_events: { table: 'account_events', key: 'id', sql: `select id::text, school_id::text as school, ${none} as classes, ${none} as students,
      actor_id::text as owner from public.account_events where school_id = any($1)` },
  // An entry is tagged with the table it describes, and each of its rows (old and new) as TABLES tags a
  // row of that table: school, students (a class: those enrolled), classes (the row's class, else its
  // student's), class × subject of gradebook rows, and the person a structure or membership row is about.
  audit_log: { table: 'audit_log', rpc: 'audit_entries', key: 'id', sql: `select a.id::text, a.school_id::text as school, a.table_name as about,
      ${none} as classes, ${none} as students, null as owner,
      (select coalesce(jsonb_agg(jsonb_build_object(
         'id', coalesce(r ->> 'id', r ->> 'student_id'), 'school', r ->> 'school_id', 'staff', false,
         'students', case when a.table_name = 'students' then jsonb_build_array(r ->> 'id')
                          when a.table_name = 'classes' then coalesce((select jsonb_agg(e.student_id::text) from public.enrolments e where e.class_id = (r ->> 'id')::uuid), '[]')
                          when r ->> 'student_id' is not null then jsonb_build_array(r ->> 'student_id') else '[]' end,
         'classes', case when a.table_name = 'classes' then jsonb_build_array(r ->> 'id')
                         when r ->> 'class_id' is not null then jsonb_build_array(r ->> 'class_id')
                         else coalesce((select jsonb_agg(distinct e.class_id::text) from public.enrolments e
                                        where e.student_id = (case when a.table_name = 'students' then r ->> 'id' else r ->> 'student_id' end)::uuid), '[]') end,
         'pairs', case when a.table_name in ('score_entries', 'subject_comments') then jsonb_build_array((r ->> 'class_id') || '|' || (r ->> 'subject_id')) else '[]' end,
         'bgh', a.table_name = 'memberships' and r ->> 'role' in ('principal', 'vice_principal'),
         'owner', case a.table_name when 'account_events' then r ->> 'actor_id' when 'department_members' then r ->> 'profile_id' when 'teaching_assignments' then r ->> 'teacher_id'
                    when 'memberships' then r ->> 'profile_id' when 'lock_decisions' then r ->> 'decided_by' when 'gradebook_locks' then r ->> 'created_by' end)), '[]')
       from jsonb_array_elements(coalesce(a.old_rows, '[]') || coalesce(a.new_rows, '[]')) r) as parts
      from public.audit_log a where a.school_id = any($1)` },
  // Sổ điểm (TT22).
  score_entries: { table: 'score_entries', key: 'id', sql: gradebookRows('score_entries', true) },
  subject_comments: { table: 'subject_comments', key: 'id', sql: gradebookRows('subject_comments', true) },
  conduct_ratings: { table: 'conduct_ratings', key: 'id', sql: gradebookRows('conduct_ratings', false) },
  attendance: { table: 'attendance', key: 'id', sql: gradebookRows('attendance', false) },
  subject_results: { table: 'subject_results', key: 'student_id', keys: ['student_id', 'subject_id', 'semester'], sql: `select
      r.student_id::text || '|' || r.subject_id::text || '|' || coalesce(r.semester::text, '') as id, r.school_id::text as school,
      array[r.class_id::text] as classes, array[r.student_id::text] as students, null as owner, ${pair('r')} as pairs
      from public.subject_results r where r.school_id = any($1)` },
  student_results: { table: 'student_results', key: 'student_id', keys: ['student_id', 'semester'], sql: `select
      r.student_id::text || '|' || coalesce(r.semester::text, '') as id, r.school_id::text as school,
      array[r.class_id::text] as classes, array[r.student_id::text] as students, null as owner, ${none} as pairs
      from public.student_results r where r.school_id = any($1)` },
  lock_decisions: { table: 'lock_decisions', key: 'id', sql: `select id::text, school_id::text as school, ${none} as classes, ${none} as students,
      decided_by::text as owner, ${none} as pairs from public.lock_decisions where school_id = any($1)` },
  gradebook_locks: { table: 'gradebook_locks', key: 'id', sql: `select id::text, school_id::text as school,
      case when class_id is null then ${none} else array[class_id::text] end as classes, ${none} as students,
      created_by::text as owner, ${none} as pairs from public.gradebook_locks where school_id = any($1)` },
};

/** The key columns of a row and their values (null for an empty part), for filters on `id`. */
export function keyValues(resource: TableResource, id: string): [string, string | null][] {
  const { key, keys } = TABLES[resource];
  if (!keys) return [[key, id]];
  const parts = id.split('|');
  return keys.map((k, i) => [k, parts[i] === '' || parts[i] === undefined ? null : parts[i]!]);
}

/** A SQL predicate selecting the row `id` of a resource, for the superuser ($n from `first`). */
export function keySql(resource: TableResource, id: string, alias = 't', first = 1): { sql: string; params: string[] } {
  const params: string[] = [];
  const sql = keyValues(resource, id).map(([k, v]) => {
    if (v === null) return `${alias}.${k} is null`;
    params.push(v);
    return `${alias}.${k}::text = $${first + params.length - 1}`;
  }).join(' and ');
  return { sql, params };
}

/** The id of a row as the API returns it (key columns joined for the views). */
export function rowId(resource: TableResource, row: Record<string, unknown>): string {
  const { key, keys } = TABLES[resource];
  return (keys ?? [key]).map((k) => (row[k] === null || row[k] === undefined ? '' : String(row[k]))).join('|');
}

export async function universe(fx: Fixture, resource: TableResource): Promise<Row[]> {
  const units = [fx.a.id, fx.b.id, fx.province, ...fx.districts];
  const { rows } = await fx.su.query(`with params as (select $1::uuid[] as schools, $2::uuid[] as subjects, $3::uuid[] as units) ${TABLES[resource].sql}`, [[fx.a.id, fx.b.id], fx.subjects, units]);
  return rows.map((r) => ({ staff: false, pairs: [], ...r }));
}

/** Resources every role reads its own rows of, besides its wider scope. */
const SELF_UNION = new Set<Resource>(['profiles', 'memberships', 'account_events']);
const READS_EVERYBODY: readonly Role[] = ['principal', 'vice_principal', 'admin_board'];

export function schoolsIn(fx: Fixture, u: FxUser, scope: 'district' | 'province'): string[] {
  if (scope === 'province') return [fx.a.id, fx.b.id];
  const district = u.school ? [fx.a, fx.b].find((s) => s.id === u.school)!.district : u.unit;
  return [fx.a, fx.b].filter((s) => s.district === district).map((s) => s.id);
}

export function expectedVisible(fx: Fixture, resource: TableResource, u: FxUser, scope: Scope, row: Row): boolean {
  if (scope === 'none') return false;
  if (SELF_UNION.has(resource) && row.owner === u.id) return true;
  if (resource === 'audit_log') {
    // An entry shows the rows the user reads in the table it describes (the role's cell for that table)
    // and is listed when one is left; who wrote it does not matter.
    const about = row.about as TableResource;
    if (!(about in TABLES)) return false;
    const s = scopeOf(matrix, [u.role], about, 'list');
    return (row.parts ?? []).some((p) => expectedVisible(fx, about, u, s, p));
  }
  switch (scope) {
    case 'self': return row.owner === u.id || (!!u.ownStudent && row.students.includes(u.ownStudent));
    case 'guardian_of': return row.students.some((s) => u.children.includes(s));
    // A gradebook row of a class × subject is reached through that pair, a row about a class (conduct,
    // attendance) through any pair of the class; other rows through the class.
    case 'assignment':
      return row.pairs.length > 0 ? row.pairs.some((p) => u.assignedPairs.includes(p)) : row.classes.some((c) => u.assignedClasses.includes(c));
    case 'homeroom': return row.classes.some((c) => u.homeroomClasses.includes(c));
    // The pairs taught by the members of the department the user heads (its own included).
    case 'department':
      return row.pairs.length > 0
        ? row.pairs.some((p) => u.departmentPairs.includes(p))
        : row.classes.some((c) => u.departmentPairs.some((p) => p.startsWith(`${c}|`)));
    case 'school':
      if (row.school === null) return true;
      if (row.school !== u.school) return false;
      // Profiles: staff read the staff directory; BGH and the admin board read everybody.
      return resource === 'profiles' && !READS_EVERYBODY.includes(u.role) ? row.staff : true;
    case 'district':
    case 'province':
      // Memberships at an officer's scope: the BGH roles of the schools below it (who it appoints).
      if (resource === 'memberships') return !!row.bgh && row.school !== null && schoolsIn(fx, u, scope).includes(row.school);
      return row.school === null || schoolsIn(fx, u, scope).includes(row.school);
  }
}
