// Whether the signed-in user reads a class's results (`rpc/class_summary`: BGH, the admin board, the
// clerk, the class's GVCN — the matrix's student_results cell on that class). The conduct, attendance and
// quality sheets are read by the class's teachers too (their own cells), who get the bare roster instead
// of a class_summary call the database would refuse. Undefined until the answer is known.
import { useCan } from '@refinedev/core';
import type { ClassRow } from './useYearData.ts';

export function useReadsClassResults(cls: Pick<ClassRow, 'id' | 'school_id'> | undefined): boolean | undefined {
  const { data } = useCan({ resource: 'student_results', action: 'show', params: cls ? { row: { school_id: cls.school_id, class_id: cls.id } } : undefined, queryOptions: { enabled: !!cls } });
  return cls ? data?.can : false;
}
