import { useTranslate } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useYearClasses } from '../../components/useYearData.ts';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

type Action = 'promote' | 'repeat' | 'graduate' | 'hold';
interface Proposal {
  enrolment_id: string;
  student_code: string;
  full_name: string;
  from_class: string;
  grade: number;
  result: string | null;
  proposal: Action;
  class_id: string | null;
  placed: string | null;
  placed_class: string | null;
}
interface Move {
  action: Action;
  class_id: string | null;
}
interface Refusal {
  student_code: string | null;
  message: string;
}

/**
 * Xếp lớp học sinh (issue 20, item 3; migration 20261205041000_year_placements.sql): the previous year's
 * students with the proposal their result implies (rpc placement_proposals), each row editable, placed in
 * one transaction (rpc place_students: all or nothing) and undone until the year opens (rpc undo_placements).
 */
export function PlacementCard({ year, from, opened }: { year: { id: string; code: string }; from: string; opened: boolean }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Record<string, Move>>({});
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  // Reviewing a whole school's students a class at a time: the filter only narrows the table; placing
  // places every pending row.
  const [fromClass, setFromClass] = useState<string | null>(null);

  const proposals = useQuery({
    queryKey: ['placement_proposals', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('placement_proposals', { p_school_year_id: year.id });
      if (error) throw error;
      return data as unknown as Proposal[];
    },
  });
  const { classes } = useYearClasses(year.id);
  const moveOf = (p: Proposal): Move => edits[p.enrolment_id] ?? { action: p.proposal, class_id: p.class_id };
  const pending = (proposals.data ?? []).filter((p) => !p.placed && moveOf(p).action !== 'hold');

  const reload = () => queryClient.invalidateQueries({ queryKey: ['placement_proposals', year.id] });

  const commit = async () => {
    setBusy(true);
    setMessage(null);
    setRefusals([]);
    const moves = pending.map((p) => ({ enrolment_id: p.enrolment_id, action: moveOf(p).action, ...(moveOf(p).class_id ? { class_id: moveOf(p).class_id } : {}) }));
    const { data, error } = await supabase.rpc('place_students', { p_school_year_id: year.id, p_moves: moves });
    setBusy(false);
    if (error) return setMessage({ type: 'error', text: errorMessage(error) });
    const answer = data as unknown as { placed: number; graduated: number; errors: Refusal[] };
    if (answer.errors.length) {
      setRefusals(answer.errors);
      return setMessage({ type: 'error', text: t('year_cycle.placement.refused') });
    }
    setEdits({});
    setMessage({ type: 'success', text: t('year_cycle.placement.committed', { placed: formatNumber(answer.placed), graduated: formatNumber(answer.graduated) }) });
    await reload();
  };

  const undo = async () => {
    setMessage(null);
    const { data, error } = await supabase.rpc('undo_placements', { p_school_year_id: year.id });
    if (error) return setMessage({ type: 'error', text: errorMessage(error) });
    setMessage({ type: 'success', text: t('year_cycle.placement.undone', { count: formatNumber(data as number) }) });
    await reload();
  };

  const classOptions = (grade: number, action: Action) =>
    classes.filter((c) => c.grade === (action === 'promote' ? grade + 1 : grade)).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Card
      title={t('year_cycle.placement.title', { code: year.code })}
      data-testid="placement-card"
      extra={
        <Space>
          {!opened && (proposals.data ?? []).some((p) => p.placed && p.placed !== 'enrolled') && (
            <Popconfirm title={t('year_cycle.placement.undo_confirm', { code: year.code })} onConfirm={undo}>
              <Button data-testid="placement-undo">{t('year_cycle.placement.undo')}</Button>
            </Popconfirm>
          )}
          <Button type="primary" data-testid="placement-commit" disabled={pending.length === 0} loading={busy} onClick={commit}>
            {t('year_cycle.placement.commit', { count: formatNumber(pending.length) })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('year_cycle.placement.hint', { from })}</Typography.Paragraph>
      {proposals.error && <Alert type="error" showIcon message={errorMessage(proposals.error)} />}
      {message && <Alert data-testid="placement-message" type={message.type} showIcon message={message.text} style={{ marginBottom: 12 }} />}
      {refusals.length > 0 && (
        <List size="small" data-testid="placement-refusals" style={{ marginBottom: 12 }} dataSource={refusals}
          renderItem={(r) => <List.Item>{r.student_code ? `${r.student_code}: ${r.message}` : r.message}</List.Item>} />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('year_cycle.placement.fields.from_class')}</Typography.Text>
        <Select<string>
          data-testid="placement-from-class"
          style={{ minWidth: 140 }}
          value={fromClass ?? ''}
          onChange={(v) => setFromClass(v || null)}
          options={[{ value: '', label: t('year_cycle.placement.all_classes') },
            ...[...new Set((proposals.data ?? []).map((p) => p.from_class))].map((c) => ({ value: c, label: c }))]}
        />
      </Space>
      <Table<Proposal>
        data-testid="placement-table"
        rowKey="enrolment_id"
        size="small"
        loading={proposals.isLoading}
        dataSource={(proposals.data ?? []).filter((p) => fromClass === null || p.from_class === fromClass)}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'code', title: t('year_cycle.placement.fields.student_code'), dataIndex: 'student_code' },
          { key: 'name', title: t('year_cycle.placement.fields.full_name'), dataIndex: 'full_name' },
          { key: 'from', title: t('year_cycle.placement.fields.from_class'), dataIndex: 'from_class' },
          { key: 'result', title: t('year_cycle.placement.fields.result'), render: (_, p) => t(`year_cycle.placement.result.${p.result ?? 'none'}`) },
          {
            key: 'action', title: t('year_cycle.placement.fields.action'),
            render: (_, p) => p.placed ? <Tag color="green">{t(`year_cycle.placement.action.${p.placed}`)}</Tag> : (
              <Select<Action>
                size="small"
                style={{ minWidth: 170 }}
                data-testid="placement-action"
                value={moveOf(p).action}
                options={(['promote', 'repeat', 'graduate', 'hold'] as const).map((a) => ({ value: a, label: t(`year_cycle.placement.action.${a}`) }))}
                onChange={(action) => {
                  const options = classOptions(p.grade, action);
                  const keep = options.find((o) => o.value === moveOf(p).class_id);
                  setEdits({ ...edits, [p.enrolment_id]: { action, class_id: action === 'promote' || action === 'repeat' ? (keep?.value ?? options[0]?.value ?? null) : null } });
                }}
              />
            ),
          },
          {
            key: 'class', title: t('year_cycle.placement.fields.class'),
            render: (_, p) => p.placed ? p.placed_class : (moveOf(p).action === 'promote' || moveOf(p).action === 'repeat') && (
              <Select<string>
                size="small"
                style={{ minWidth: 90 }}
                data-testid="placement-class"
                value={moveOf(p).class_id ?? undefined}
                options={classOptions(p.grade, moveOf(p).action)}
                onChange={(class_id) => setEdits({ ...edits, [p.enrolment_id]: { ...moveOf(p), class_id } })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
