import { SaveOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, DatePicker, Flex, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { MEASURE_FIELDS, ageInMonths, bmiOf, draftOf, isEmpty, parseDraft, sameValues, type MeasureDraft, type MeasureField, type SavedMeasure } from './measureGrid.ts';
import { useClassPupils, useCurrentClasses, useHealthWho, type Pupil } from './useHealth.ts';

const COLUMNS = MEASURE_FIELDS.map((f) => f);
const SELECT = `id, student_id, version, bmi, bmi_status, height_status, ${MEASURE_FIELDS.join(', ')}`;

/** Enter and ↓ move down the column, ↑ up (as the gradebook). */
function moveFocus(e: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
  const step = e.key === 'Enter' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
  if (!step) return;
  const next = document.getElementById(`measure-cell-${row + step}-${col}`) as HTMLInputElement | null;
  if (next) {
    e.preventDefault();
    next.focus();
    next.select();
  }
}

/** The nutrition status of what is typed (public.nutrition_status), or the saved row's. */
function StatusCell({ pupil, date, draft, saved }: { pupil: Pupil; date: string; draft: MeasureDraft; saved: SavedMeasure | undefined }) {
  const supabase = useSupabase();
  const { values, bad } = parseDraft(draft);
  const h = values.height_cm;
  const w = values.weight_kg;
  const plausible = !bad.length && h !== null && w !== null && h >= 50 && h <= 220 && w >= 8 && w <= 150;
  const unchanged = saved && sameValues(values, saved);
  const age = pupil.birth_date ? ageInMonths(pupil.birth_date, date) : null;
  const status = useQuery({
    queryKey: ['nutrition_status', pupil.gender, age, h, w],
    enabled: plausible && !unchanged && !!pupil.gender && age !== null,
    staleTime: Infinity,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('nutrition_status', { p_sex: pupil.gender!, p_age_months: age!, p_height_cm: h!, p_weight_kg: w! });
      if (error) throw new Error(errorMessage(error));
      return data as { bmi_status: string | null; height_status: string | null };
    },
  });
  const shown = unchanged ? saved.bmi_status : plausible ? status.data?.bmi_status : null;
  return <span data-testid={`measure-status-${pupil.student_code}`}>{shown ?? ''}</span>;
}

/**
 * Đo sức khỏe: a class's measurement round on one date — one row per enrolled student, one column per
 * value; BMI and the nutrition status appear as the nurse types; a save writes each student's row (a
 * refusal stays beside its row, with what was typed).
 */
export function MeasureGrid() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { today, schoolOf } = useHealthWho();
  const { classes } = useCurrentClasses();
  const [classId, setClassId] = useState<string>();
  const [date, setDate] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Map<string, MeasureDraft>>(new Map());
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (!date && today) setDate(today); }, [date, today]);
  const cls = classes.find((c) => c.id === classId);
  const pupils = useClassPupils(classId);
  const saved = useQuery({
    queryKey: ['student_measures', classId, date],
    enabled: !!classId && !!date,
    queryFn: async () => {
      const { data, error } = await supabase.from('student_measures').select(SELECT).eq('class_id', classId!).eq('measured_on', date!);
      if (error) throw new Error(errorMessage(error));
      return new Map((data as unknown as SavedMeasure[]).map((r) => [r.student_id, r]));
    },
  });
  const rowOf = (id: string) => saved.data?.get(id);
  const draft = (id: string) => drafts.get(id) ?? draftOf(rowOf(id));
  const edit = (id: string, f: MeasureField, v: string) => setDrafts((d) => new Map(d).set(id, { ...draft(id), [f]: v }));
  const reset = () => { setDrafts(new Map()); setProblems(new Map()); };

  const save = async () => {
    if (!cls || !date) return;
    setSaving(true);
    const next = new Map(problems);
    const done: string[] = [];
    // A new round (no saved row yet for these students on this date): one request for the whole class,
    // all or nothing; when the database refuses a value, each row is tried alone below so that the
    // refusal stands beside its own row and the others are saved.
    const fresh = [...drafts].filter(([id, d]) => !rowOf(id) && !parseDraft(d).bad.length && !isEmpty(parseDraft(d).values));
    if (fresh.length > 1) {
      const { error } = await supabase.from('student_measures').insert(fresh.map(([studentId, d]) => ({ ...parseDraft(d).values,
        school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id, student_id: studentId, measured_on: date })));
      if (!error) for (const [id] of fresh) { next.delete(id); done.push(id); }
    }
    for (const [studentId, d] of drafts) {
      if (done.includes(studentId)) continue;
      const { values, bad } = parseDraft(d);
      if (bad.length) { next.set(studentId, t('health.not_a_number')); continue; }
      const row = rowOf(studentId);
      let error: unknown = null;
      if (row && sameValues(values, row)) { done.push(studentId); continue; }
      if (row && isEmpty(values)) {
        ({ error } = await supabase.from('student_measures').delete().eq('id', row.id).eq('version', row.version));
      } else if (row) {
        ({ error } = await supabase.from('student_measures').update(values).eq('id', row.id).eq('version', row.version).select('id').single());
      } else if (!isEmpty(values)) {
        ({ error } = await supabase.from('student_measures').insert({ ...values, school_id: cls.school_id, school_year_id: cls.school_year_id, class_id: cls.id,
          student_id: studentId, measured_on: date }).select('id').single());
      }
      if (error) next.set(studentId, errorMessage(error));
      else { next.delete(studentId); done.push(studentId); }
    }
    setSaving(false);
    setProblems(next);
    setDrafts((d) => { const m = new Map(d); for (const id of done) m.delete(id); return m; });
    await saved.refetch();
    const failed = [...drafts.keys()].filter((id) => next.has(id)).length;
    if (failed) message.error(t('health.not_saved', { count: failed }));
    else if (done.length) message.success(t('health.saved', { count: done.length }));
    else message.info(t('health.nothing_to_save'));
  };

  const input = (p: Pupil, row: number, f: MeasureField) => (
    <Input size="small" id={`measure-cell-${row}-${COLUMNS.indexOf(f)}`} value={draft(p.student_id)[f]} inputMode="decimal" style={{ width: 64 }}
      onChange={(e) => edit(p.student_id, f, e.target.value)} onKeyDown={(e) => moveFocus(e, row, COLUMNS.indexOf(f))}
      status={problems.has(p.student_id) ? 'error' : undefined} aria-label={t(`health.fields.${f === 'height_cm' ? 'height' : f === 'weight_kg' ? 'weight' : f}`)}
      data-testid={`measure-${f}-${p.student_code}`} />
  );
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <ClassSelect classes={classes} value={classId} onChange={(id) => { setClassId(id); reset(); }} testId="measure-class" />
        <DatePicker format="DD/MM/YYYY" allowClear={false} value={date ? dayjs(date) : null} data-testid="measure-date"
          onChange={(d) => { if (d) { setDate(d.format('YYYY-MM-DD')); reset(); } }} />
        <ActionButton resource="health" action="create" row={{ school_id: cls?.school_id ?? schoolOf('nurse') }} type="primary" icon={<SaveOutlined />}
          loading={saving} disabled={!drafts.size} onClick={() => void save()} data-testid="measures-save">
          {t('health.save')}
        </ActionButton>
      </Space>
      {!classId ? <Typography.Text type="secondary">{t('health.pick_class_first')}</Typography.Text> : null}
      {pupils.error ? <Alert type="error" showIcon message={(pupils.error as Error).message} /> : null}
      {classId ? (
        <Table<Pupil> data-testid="measure-grid" rowKey="student_id" size="small" pagination={false} loading={pupils.isLoading || saved.isLoading}
          dataSource={pupils.data ?? []} scroll={{ x: 'max-content' }}>
          <Table.Column<Pupil> key="name" title={t('health.student')} fixed="left" render={(_, p) => p.full_name} />
          <Table.Column<Pupil> key="h" title={t('health.fields.height')} render={(_, p, i) => input(p, i, 'height_cm')} />
          <Table.Column<Pupil> key="w" title={t('health.fields.weight')} render={(_, p, i) => input(p, i, 'weight_kg')} />
          <Table.Column<Pupil> key="bmi" title={t('health.fields.bmi')} render={(_, p) => {
            const { values } = parseDraft(draft(p.student_id));
            return <span data-testid={`measure-bmi-${p.student_code}`}>{formatNumber(bmiOf(values.height_cm, values.weight_kg), { fractionDigits: 1 })}</span>;
          }} />
          <Table.Column<Pupil> key="status" title={t('health.fields.bmi_status')}
            render={(_, p) => (date ? <StatusCell pupil={p} date={date} draft={draft(p.student_id)} saved={rowOf(p.student_id)} /> : null)} />
          <Table.Column<Pupil> key="bp" title={t('health.fields.bp')} render={(_, p, i) => <Space size={4}>{input(p, i, 'systolic')}/{input(p, i, 'diastolic')}</Space>} />
          <Table.Column<Pupil> key="hr" title={t('health.fields.heart_rate')} render={(_, p, i) => input(p, i, 'heart_rate')} />
          <Table.Column<Pupil> key="vision" title={t('health.fields.vision')} render={(_, p, i) => <Space size={4}>{input(p, i, 'vision_left')}/{input(p, i, 'vision_right')}</Space>} />
          <Table.Column<Pupil> key="problem" title={t('health.fields.problem')}
            render={(_, p) => problems.has(p.student_id) ? <Typography.Text type="danger" data-testid={`measure-problem-${p.student_code}`}>{problems.get(p.student_id)}</Typography.Text> : null} />
        </Table>
      ) : null}
    </Flex>
  );
}
