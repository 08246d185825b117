// The approval and publication of a class's results (rpc/advance_results, docs: issue 5 API) as the
// screen shows it: the state of each class for the chosen period and the steps the user may take, both
// answered by Postgres (rpc/publication_steps). Pure, tested beside it.
import type { Narrowed, Tables } from '../../../../supabase/functions/_shared/database.ts';

export const PUBLICATION_STATUSES = ['draft', 'proposed', 'approved', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PUBLICATION_ACTIONS = ['propose', 'withdraw', 'return', 'approve', 'publish'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];
export type EventAction = PublicationAction | 'revise';

export type PublicationRow = Narrowed<
  Pick<Tables<'result_publications'>, 'id' | 'class_id' | 'school_year_id' | 'semester' | 'status' | 'proposed_by' | 'proposed_at' | 'approved_by' | 'approved_at' | 'published_by' | 'published_at'>,
  { semester: 1 | 2 | null; status: PublicationStatus }
>;

export type PublicationEventRow = Narrowed<Pick<Tables<'result_publication_events'>, 'id' | 'publication_id' | 'action' | 'actor_id' | 'note' | 'correction_request_id' | 'created_at'>, { action: EventAction }>;

/** The publication of a class for the period, or undefined (no row = not yet submitted, `draft`). */
export function publicationOf(rows: readonly PublicationRow[], classId: string, semester: 1 | 2 | null): PublicationRow | undefined {
  return rows.find((p) => p.class_id === classId && p.semester === semester);
}

export const statusOf = (publication: PublicationRow | undefined): PublicationStatus => publication?.status ?? 'draft';

/**
 * A class's state for the period as rpc/publication_steps answers it: the status, the steps the caller
 * may take now (the database decides: the GVCN proposes a complete class and withdraws, BGH returns,
 * approves what they did not propose and publishes) and, for the caller's own class in draft, what is
 * missing before it can be proposed.
 */
export interface PublicationSteps {
  class_id: string;
  status: PublicationStatus;
  steps: PublicationAction[];
  missing: string | null;
}

/** The matrix cell of a step (policies/matrix.ts result_publications): the GVCN's submission is `create`, BGH's decisions `approve`. */
export function stepCell(step: PublicationAction): 'create' | 'approve' {
  return step === 'propose' || step === 'withdraw' ? 'create' : 'approve';
}

/** The classes in screen order: the user's homeroom classes first, then by grade and name. */
export function orderClasses<C extends { name: string; grade: number; homeroom_teacher_id: string | null }>(classes: readonly C[], userId: string | undefined): C[] {
  const mine = (c: C) => (userId !== undefined && c.homeroom_teacher_id === userId ? 0 : 1);
  return [...classes].sort((a, b) => mine(a) - mine(b) || a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

/** The note of the latest return when the results went back to draft that way (the GVCN needs it). */
export function returnNote(events: readonly PublicationEventRow[], publication: PublicationRow | undefined): string | null {
  if (!publication || publication.status !== 'draft') return null;
  const last = events.filter((e) => e.publication_id === publication.id && e.action !== 'revise').sort((a, b) => b.id - a.id)[0];
  return last?.action === 'return' ? last.note : null;
}
