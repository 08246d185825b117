// Who is signed in, in which org units and with which roles: `current_user_context()` (an RPC of the
// first migration), read once per signed-in user and shared by the header, the dashboard and the
// access-control provider. When the RPC fails the user still gets their email and no roles, so the
// admin stays usable (and hides what needs a role) instead of crashing.
import type { SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/functions/_shared/database.ts';
// zod/mini (the same checks, tree-shaken): this module is on the first screen after sign-in.
import { z } from 'zod/mini';
import { ROLES, isRole, type Role } from '../../../policies/types.ts';
import type { Auth } from './auth.tsx';

export const membershipSchema = z.object({
  org_unit_id: z.string(),
  org_unit_name: z.string(),
  org_unit_kind: z.enum(['province', 'district', 'school']),
  school_year: z.nullable(z.string()),
  /** The database's answer: the membership's year is its school's current one (or it has no year). */
  current: z.boolean(),
  // Kept as text: a role the admin does not know yet is shown by its code, never grants anything.
  role: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;

const pairSchema = z.object({ class_id: z.string(), subject_id: z.string() });

/**
 * Which rows the caller's scopes reach, as the database computes them (private.user_scope(): classes and
 * assignments of every year the role is held, departments of the current year): the ActionButton's row
 * check reads these instead of recomputing them.
 */
export const userScopeSchema = z.object({
  homeroom_class_ids: z.array(z.string()),
  /** The caller's own active assignments (class × subject). */
  assignments: z.array(pairSchema),
  department_ids: z.array(z.string()),
  /** Teachers of the departments the caller heads. */
  department_teacher_ids: z.array(z.string()),
  /** Class × subject pairs the caller or the department they head teaches. */
  department_assignments: z.array(pairSchema),
  guardian_student_ids: z.array(z.string()),
  /** The caller's own student record (a student account). */
  student_id: z.nullable(z.string()),
  /** Classes of the caller's child(ren) or of the student themself. */
  family_class_ids: z.array(z.string()),
  /** Schools under the caller's Phòng or Sở. */
  officer_school_ids: z.array(z.string()),
});
export type UserScope = z.infer<typeof userScopeSchema>;

export const EMPTY_SCOPE: UserScope = {
  homeroom_class_ids: [],
  assignments: [],
  department_ids: [],
  department_teacher_ids: [],
  department_assignments: [],
  guardian_student_ids: [],
  student_id: null,
  family_class_ids: [],
  officer_school_ids: [],
};

export const userContextSchema = z.object({
  user_id: z.string(),
  email: z.nullable(z.string()),
  full_name: z.nullable(z.string()),
  /** The app's today (public.app_today(), pinned in the demo and tests), never the browser's clock. */
  today: z.string(),
  memberships: z.array(membershipSchema),
  scope: z.nullish(userScopeSchema),
});
export type UserContext = z.infer<typeof userContextSchema>;

export interface Identity {
  id: string;
  email: string;
  /** Full name, or the email when the profile has none. Refine's layouts read `name`. */
  name: string;
  fullName: string | null;
  /** Every membership, past years included (the dashboard lists them). */
  memberships: Membership[];
  /** Memberships of each school's current year, plus year-less ones (Phòng, Sở). */
  current: Membership[];
  /** Known roles of the current memberships, in the order of policies' ROLES. */
  roles: Role[];
  /** Names of the org units of the current memberships. */
  orgUnits: string[];
  /** The app's today ('YYYY-MM-DD'), or null when the context could not be read. */
  today: string | null;
  /** Why the roles could not be read, or null. */
  contextError: string | null;
  /** Which rows the scopes reach (empty when the context could not be read). */
  scope: UserScope;
  /** Per role, the schools where it is held in the current year. */
  schoolsByRole: Partial<Record<Role, string[]>>;
}

/**
 * The memberships that count now, as the database decides (the school's latest year started by the
 * app's today; a year prepared for next September does not count yet), and those without a year
 * (officers of a Phòng or Sở hold theirs across years).
 */
export function currentMemberships(memberships: readonly Membership[]): Membership[] {
  return memberships.filter((m) => m.current);
}

export function identityFrom(context: UserContext, fallbackEmail: string): Identity {
  const current = currentMemberships(context.memberships);
  const held = new Set(current.map((m) => m.role).filter(isRole));
  const email = context.email ?? fallbackEmail;
  const fullName = context.full_name?.trim() || null;
  return {
    id: context.user_id,
    email,
    name: fullName ?? email,
    fullName,
    memberships: context.memberships,
    current,
    roles: ROLES.filter((role) => held.has(role)),
    orgUnits: [...new Set(current.map((m) => m.org_unit_name))],
    today: context.today,
    contextError: null,
    scope: context.scope ?? EMPTY_SCOPE,
    schoolsByRole: schoolsByRole(current),
  };
}

function schoolsByRole(current: readonly Membership[]): Partial<Record<Role, string[]>> {
  const out: Partial<Record<Role, string[]>> = {};
  for (const m of current) {
    if (m.org_unit_kind !== 'school' || !isRole(m.role)) continue;
    (out[m.role] ??= []).push(m.org_unit_id);
  }
  return out;
}

export function identityWithoutContext(user: Pick<User, 'id' | 'email'>, error: string): Identity {
  const email = user.email ?? '';
  return { id: user.id, email, name: email, fullName: null, memberships: [], current: [], roles: [], orgUnits: [], today: null, contextError: error, scope: EMPTY_SCOPE, schoolsByRole: {} };
}

async function loadIdentity(supabase: SupabaseClient<Database>, user: User): Promise<Identity> {
  try {
    const { data, error } = await supabase.rpc('current_user_context');
    if (error) return identityWithoutContext(user, error.message);
    const parsed = userContextSchema.safeParse(data);
    if (!parsed.success) return identityWithoutContext(user, `current_user_context: ${parsed.error.message}`);
    return identityFrom(parsed.data, user.email ?? '');
  } catch (error) {
    return identityWithoutContext(user, error instanceof Error ? error.message : String(error));
  }
}

export interface UserContextStore {
  /** The signed-in user's identity (null when nobody is signed in). One RPC per user, then cached. */
  get(): Promise<Identity | null>;
  /** Forget the cached identity (sign-in, sign-out). */
  clear(): void;
}

export function createUserContextStore(supabase: SupabaseClient<Database>, auth: Auth): UserContextStore {
  let cached: { userId: string; identity: Promise<Identity> } | null = null;
  return {
    async get() {
      const { data } = await auth.getSession();
      const user = data.session?.user;
      if (!user) {
        cached = null;
        return null;
      }
      if (cached?.userId !== user.id) {
        const entry = { userId: user.id, identity: loadIdentity(supabase, user) };
        cached = entry;
        // A failed read is not kept: the next question asks the database again.
        void entry.identity.then((identity) => {
          if (identity.contextError !== null && cached === entry) cached = null;
        });
      }
      return cached.identity;
    },
    clear() {
      cached = null;
    },
  };
}
