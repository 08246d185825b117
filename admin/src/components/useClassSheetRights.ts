// The database's answer, per period, to "may I save this class sheet now?" for the sheets the GVCN
// writes — Rèn luyện, Chuyên cần, Phẩm chất – năng lực (rpc/class_sheet_rights: the class's GVCN and the
// period neither locked nor with its results proposed, approved or published), as gradebook_sheet's
// can_edit is for a score sheet. The screens offer Lưu and editable cells only where it says yes.
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { useSupabase } from '../providers/supabase.tsx';

export type SheetSemester = 1 | 2 | null;

const rightsSchema = z.object({ semester: z.union([z.literal(1), z.literal(2)]).nullable(), locked: z.boolean(), can_edit: z.boolean() });

/** `canEdit(semester)`: false until the answer is in, for a period not asked about, and on any error. */
export function useClassSheetRights(classId: string | undefined, semesters: readonly SheetSemester[]) {
  const supabase = useSupabase();
  const [editable, setEditable] = useState<{ key: string; semesters: ReadonlySet<SheetSemester> } | null>(null);
  const key = classId ? `${classId}:${semesters.join(',')}` : '';

  const load = useCallback(async () => {
    if (!classId) return setEditable(null);
    const answers = await Promise.all(semesters.map((s) => supabase.rpc('class_sheet_rights', { p_class_id: classId, p_semester: s as number })));
    const open = new Set<SheetSemester>();
    for (const { data } of answers) {
      const parsed = rightsSchema.safeParse(data);
      if (parsed.success && parsed.data.can_edit) open.add(parsed.data.semester);
    }
    setEditable({ key: `${classId}:${semesters.join(',')}`, semesters: open });
    // Keyed on the class and periods' content, not the array's identity (a new array every render).
  }, [supabase, key]);

  useEffect(() => {
    void load();
  }, [load]);

  const current = editable?.key === key ? editable.semesters : null;
  return {
    canEdit: (semester: SheetSemester) => !!current?.has(semester),
    anyEditable: !!current && current.size > 0,
    reload: load,
  };
}
