import { SaveOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Input, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useClassPupils, useCurrentClasses, useHealthWho, type Pupil } from './useHealth.ts';

export const SCREENING_KINDS = ['vision', 'spine', 'dental', 'ent', 'mental'] as const;
export type ScreeningKind = (typeof SCREENING_KINDS)[number];
type Result = 'normal' | 'finding' | 'referred';
interface Saved { id: string; student_id: string; version: number; result: Result; note: string | null; examiner: string | null }
interface Draft { result: Result | undefined; note: string }

/**
 * Khám sàng lọc: one screening (kind, date, examiner) of a class — per student normal / finding /
 * referred and a note, written to health_screenings (one row per student, kind and date).
 */
export function ScreeningGrid() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { today } = useHealthWho();
  const { classes } = useCurrentClasses();
  const [classId, setClassId] = useState<string>();
  const [kind, setKind] = useState<ScreeningKind>('vision');
  const [date, setDate] = useState<string | null>(null);
  const [examiner, setExaminer] = useState('');
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (!date && today) setDate(today); }, [date, today]);
  const cls = classes.find((c) => c.id === classId);
  const pupils = useClassPupils(classId);
  const saved = useQuery({
    queryKey: ['health_screenings', classId, kind, date],
    enabled: !!classId && !!date,
    queryFn: async () => {
      const { data, error } = await supabase.from('health_screenings').select('id, student_id, version, result, note, examiner')
        .eq('class_id', classId!).eq('kind', kind).eq('screened_on', date!);
      if (error) throw new Error(errorMessage(error));
      return new Map((data as Saved[]).map((r) => [r.student_id, r]));
    },
  });
  useEffect(() => {
    const first = saved.data?.values().next().value;
    if (first?.examiner) setExaminer(first.examiner);
  }, [saved.data]);
  const reset = () => { setDrafts(new Map()); setProblems(new Map()); };
  const draft = (id: string): Draft => drafts.get(id) ?? { result: saved.data?.get(id)?.result, note: saved.data?.get(id)?.note ?? '' };
  const edit = (id: string, d: Partial<Draft>) => setDrafts((m) => new Map(m).set(id, { ...draft(id), ...d }));
  const allNormal = () => setDrafts((m) => {
    const next = new Map(m);
    for (const p of pupils.data ?? []) if (!draft(p.student_id).result) next.set(p.student_id, { ...draft(p.student_id), result: 'normal' });
    return next;
  });

  const save = async () => {
    if (!cls || !date) return;
    setSaving(true);
    const next = new Map(problems);
    const done: string[] = [];
    for (const [studentId, d] of drafts) {
      if (!d.result) continue;
      const row = saved.data?.get(studentId);
      const values = { result: d.result, note: d.note.trim() || null, examiner: examiner.trim() || null };
      const { error } = row
        ? await supabase.from('health_screenings').update(values).eq('id', row.id).eq('version', row.version).select('id').single()
        : await supabase.from('health_screenings').insert({ ...values, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id,
          student_id: studentId, kind, screened_on: date }).select('id').single();
      if (error) next.set(studentId, errorMessage(error));
      else { next.delete(studentId); done.push(studentId); }
    }
    setSaving(false);
    setProblems(next);
    setDrafts((m) => { const n = new Map(m); for (const id of done) n.delete(id); return n; });
    await saved.refetch();
    if (done.length) message.success(t('health.saved', { count: done.length }));
    if ([...drafts.keys()].some((id) => next.has(id))) message.error(t('health.not_saved', { count: [...drafts.keys()].filter((id) => next.has(id)).length }));
  };

  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <ClassSelect classes={classes} value={classId} onChange={(id) => { setClassId(id); reset(); }} testId="screening-class" />
        <Select aria-label={t('health.fields.kind')} value={kind} style={{ minWidth: 220 }} data-testid="screening-kind"
          onChange={(k) => { setKind(k); reset(); }} options={SCREENING_KINDS.map((k) => ({ value: k, label: t(`health.kinds.${k}`) }))} />
        <DatePicker format="DD/MM/YYYY" allowClear={false} value={date ? dayjs(date) : null} data-testid="screening-date"
          onChange={(d) => { if (d) { setDate(d.format('YYYY-MM-DD')); reset(); } }} />
        <Input placeholder={t('health.fields.examiner')} value={examiner} onChange={(e) => setExaminer(e.target.value)} style={{ width: 220 }} data-testid="screening-examiner" />
        <Button onClick={allNormal} disabled={!pupils.data?.length} data-testid="screening-all-normal">{t('health.all_normal')}</Button>
        <ActionButton resource="health" action="create" row={cls ? { school_id: cls.school_id } : undefined} type="primary" icon={<SaveOutlined />}
          loading={saving} disabled={!drafts.size} onClick={() => void save()} data-testid="screenings-save">
          {t('health.save')}
        </ActionButton>
      </Space>
      {!classId ? <Typography.Text type="secondary">{t('health.pick_class_first')}</Typography.Text> : null}
      {pupils.error ? <Alert type="error" showIcon message={(pupils.error as Error).message} /> : null}
      {classId ? (
        <Table<Pupil> data-testid="screening-grid" rowKey="student_id" size="small" pagination={false} loading={pupils.isLoading || saved.isLoading}
          dataSource={pupils.data ?? []} scroll={{ x: 'max-content' }}>
          <Table.Column<Pupil> key="name" title={t('health.student')} render={(_, p) => p.full_name} />
          <Table.Column<Pupil> key="result" title={t('health.fields.result')} render={(_, p) => (
            <Radio.Group size="small" optionType="button" value={draft(p.student_id).result} data-testid={`screening-result-${p.student_code}`}
              onChange={(e) => edit(p.student_id, { result: e.target.value as Result })}
              options={(['normal', 'finding', 'referred'] as const).map((r) => ({ value: r, label: t(`health.results.${r}`) }))} />
          )} />
          <Table.Column<Pupil> key="note" title={t('health.fields.note')} render={(_, p) => (
            <Input size="small" value={draft(p.student_id).note} onChange={(e) => edit(p.student_id, { note: e.target.value })} style={{ width: 220 }}
              data-testid={`screening-note-${p.student_code}`} />
          )} />
          <Table.Column<Pupil> key="problem" title={t('health.fields.problem')}
            render={(_, p) => problems.has(p.student_id) ? <Typography.Text type="danger">{problems.get(p.student_id)}</Typography.Text> : null} />
        </Table>
      ) : null}
    </Flex>
  );
}
