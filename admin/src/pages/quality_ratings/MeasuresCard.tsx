import { SaveOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Card, Input, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { formatNumber } from '../../i18n/format.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { latestPerStudent, measureChanges, type MeasureDraft, type MeasureRow } from './measures.ts';

interface Student { student_id: string; student_code: string; full_name: string }
interface Cls { id: string; school_id: string; school_year_id: string }

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(n));

/**
 * Chiều cao, cân nặng of the class's students for the year (TT27 transcript page 1), entered by the
 * GVCN; read-only for everyone else. Updates and deletes carry the version read; a stale one reloads.
 */
export function MeasuresCard({ cls, students, editable }: { cls: Cls; students: readonly Student[]; editable: boolean }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [rows, setRows] = useState<MeasureRow[]>([]);
  const [drafts, setDrafts] = useState<Map<string, MeasureDraft>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    // Several rows a year per student (each measurement dated): the latest one is shown and edited; a
    // new one is dated by the database's default (the app's today).
    const { data, error } = await supabase.from('student_measures').select('id, student_id, height_cm, weight_kg, version, measured_on')
      .eq('class_id', cls.id).order('measured_on', { ascending: false });
    if (error) return setProblem(errorMessage(error));
    setRows(latestPerStudent((data ?? []) as MeasureRow[]));
    setDrafts(new Map());
  }, [supabase, cls.id]);
  useEffect(() => void load(), [load]);

  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  const draftOf = (id: string): MeasureDraft => drafts.get(id) ?? { height: text(byStudent.get(id)?.height_cm), weight: text(byStudent.get(id)?.weight_kg) };
  const edit = (id: string, field: keyof MeasureDraft, value: string) => setDrafts((d) => new Map(d).set(id, { ...draftOf(id), [field]: value }));
  const { changes, invalid } = measureChanges(rows, drafts);

  const save = async () => {
    setSaving(true);
    setProblem(null);
    let stale = false;
    let refused = false;
    for (const c of changes) {
      if (c.op === 'insert') {
        const { error } = await supabase.from('student_measures').insert({ school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id,
          student_id: c.student_id, height_cm: c.height_cm, weight_kg: c.weight_kg });
        if (error) { setProblem(errorMessage(error)); refused = true; break; }
      } else {
        const q = c.op === 'update'
          ? supabase.from('student_measures').update({ height_cm: c.height_cm, weight_kg: c.weight_kg }).eq('id', c.id).eq('version', c.version).select('id')
          : supabase.from('student_measures').delete().eq('id', c.id).eq('version', c.version).select('id');
        const { data, error } = await q;
        if (error) { setProblem(errorMessage(error)); refused = true; break; }
        if (!data?.length) { stale = true; break; }
      }
    }
    setSaving(false);
    if (stale) message.warning(t('quality_ratings.measures.stale'));
    else if (!refused) message.success(t('quality_ratings.measures.saved'));
    await load();
  };

  return (
    <Card size="small" title={t('quality_ratings.measures.title')} data-testid="measures-card"
      extra={
        <ActionButton resource="quality_ratings" action="edit" row={{ school_id: cls.school_id, class_id: cls.id }} allowed={editable}
          type="primary" icon={<SaveOutlined />} loading={saving} disabled={changes.length === 0 || invalid.length > 0} onClick={() => void save()} data-testid="measures-save">
          {t('quality_ratings.measures.save')}
        </ActionButton>
      }>
      {invalid.length > 0 && <Alert type="error" showIcon message={t('quality_ratings.measures.invalid')} data-testid="measures-invalid" />}
      {problem && <Alert type="error" showIcon message={problem} data-testid="measures-error" />}
      <Table<Student> dataSource={[...students]} rowKey="student_id" size="small" pagination={false}>
        <Table.Column<Student> key="name" title={t('quality_ratings.fields.full_name')} render={(_, s) => s.full_name} />
        {(['height', 'weight'] as const).map((f) => (
          <Table.Column<Student> key={f} title={t(`quality_ratings.measures.${f}`)} width={140}
            render={(_, s) => editable
              ? <Input size="small" value={draftOf(s.student_id)[f]} onChange={(e) => edit(s.student_id, f, e.target.value)} status={invalid.includes(s.student_id) ? 'error' : undefined}
                  data-testid={`measures-${f}-${s.student_code}`} />
              : draftOf(s.student_id)[f]} />
        ))}
      </Table>
    </Card>
  );
}
