import { useTranslate } from '@refinedev/core';
import { Card, Input, Table } from 'antd';
import { useCallback } from 'react';
import { HomeroomSheet } from '../../components/homeroomSheet/HomeroomSheet.tsx';
import { useHomeroomSheet, type SheetRead } from '../../components/homeroomSheet/useHomeroomSheet.ts';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { latestPerStudent, measureChanges, type MeasureDraft, type MeasureRow } from './measures.ts';

interface Student { student_id: string; student_code: string; full_name: string }
interface Cls { id: string; school_id: string; school_year_id: string }

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(n));
const NO_ROWS: MeasureRow[] = [];
const NO_DRAFTS: ReadonlyMap<string, MeasureDraft> = new Map();

/**
 * Chiều cao, cân nặng of the class's students for the year (TT27 transcript page 1), entered by the
 * GVCN (of a primary school without a nurse); read-only for everyone else. A homeroom sheet like the
 * one above it: all of it saved in one call to rpc/save_measures with the row and version each student's
 * values were read from, a refusal shown as the database says it, what was typed kept.
 */
export function MeasuresCard({ cls, students, editable }: { cls: Cls; students: readonly Student[]; editable: boolean }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const sheet = useHomeroomSheet({
    key: cls.id,
    empty: NO_ROWS,
    noDrafts: NO_DRAFTS,
    read: async (): Promise<SheetRead<MeasureRow[]>> => {
      // Several rows a year per student (each measurement dated): the latest one is shown and edited; a
      // new one is dated by the database's default (the app's today).
      const { data, error } = await supabase.from('student_measures').select('id, student_id, height_cm, weight_kg, version, measured_on')
        .eq('class_id', cls.id).order('measured_on', { ascending: false });
      return error ? { error: errorMessage(error) } : { data: latestPerStudent((data ?? []) as MeasureRow[]) };
    },
    pending: measureChanges,
    write: (changes) => supabase.rpc('save_measures', { p_class_id: cls.id, p_changes: changes }),
  });
  const byStudent = new Map(sheet.data.map((r) => [r.student_id, r]));
  const draftOf = (id: string): MeasureDraft => sheet.drafts.get(id) ?? { height: text(byStudent.get(id)?.height_cm), weight: text(byStudent.get(id)?.weight_kg) };
  const { setDrafts } = sheet;
  const edit = useCallback(
    (id: string, field: keyof MeasureDraft, value: string, shown: MeasureDraft) => setDrafts((d) => new Map(d).set(id, { ...(d.get(id) ?? shown), [field]: value })),
    [setDrafts],
  );

  return (
    <Card size="small" title={t('quality_ratings.measures.title')} data-testid="measures-card">
      <HomeroomSheet
        prefix="measures"
        resource="quality_ratings"
        messages="quality_ratings.measures"
        cls={cls}
        sheet={sheet}
        allowed={editable}
        editable={editable}
        readOnlyNotice={false}
        sticky={false}
      >
        {() => (
          <Table<Student> dataSource={[...students]} rowKey="student_id" size="small" pagination={false} loading={sheet.loading}>
            <Table.Column<Student> key="name" title={t('quality_ratings.fields.full_name')} render={(_, s) => s.full_name} />
            {(['height', 'weight'] as const).map((f) => (
              <Table.Column<Student> key={f} title={t(`quality_ratings.measures.${f}`)} width={140}
                render={(_, s) => editable
                  ? <Input size="small" value={draftOf(s.student_id)[f]} onChange={(e) => edit(s.student_id, f, e.target.value, draftOf(s.student_id))}
                      status={sheet.invalid.includes(s.student_id) ? 'error' : undefined} disabled={sheet.saving} data-testid={`measures-${f}-${s.student_code}`} />
                  : draftOf(s.student_id)[f]} />
            ))}
          </Table>
        )}
      </HomeroomSheet>
    </Card>
  );
}
