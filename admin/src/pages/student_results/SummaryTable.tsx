import { useTranslate } from '@refinedev/core';
import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { awardLabel, levelLabel, promotionLabel, subjectCell, type ClassSummary, type Level, type Period, type SummaryStudent } from '../../shared/classSummary.ts';

type Column = TableColumnsType<SummaryStudent>[number];

/** `data-testid` on a cell: `result-<student code>-<subject code or field>`, stable for e2e tests. */
const cellId = (field: string) => (s: SummaryStudent) => ({ 'data-testid': `result-${s.student_code}-${field}` }) as HTMLAttributes<HTMLElement>;

function LevelText({ value, label }: { value: Level | null; label: string }) {
  return <Typography.Text type={value === 'chua_dat' ? 'danger' : undefined}>{label}</Typography.Text>;
}

/**
 * One row per student: subject averages (or Đ/CĐ, Đạt/Chưa đạt), the learning and conduct levels,
 * absences and, for the year, what follows (re-test, summer training, promotion, award). Scrolls
 * sideways with STT, code and name fixed.
 */
export function SummaryTable({ summary, period, loading }: { summary: ClassSummary | null; period: Period; loading: boolean }) {
  const t = useTranslate();
  const year = period === 'year';
  const level = (field: 'learning_level' | 'conduct_level' | 'learning_after_retest' | 'conduct_after_summer'): Column => ({
    key: field,
    title: t(`student_results.fields.${field}`),
    align: 'center',
    width: 110,
    onCell: cellId(field),
    render: (_, s) => <LevelText value={s[field]} label={levelLabel(s[field], t)} />,
  });
  const subjects: Column[] = (summary?.subjects ?? []).map((subject) => ({
    key: subject.id,
    title: <Tooltip title={subject.name}>{subject.name}</Tooltip>,
    align: 'center',
    width: 90,
    onCell: cellId(subject.code),
    render: (_, s) => subjectCell(subject, s.results[subject.id], period, t),
  }));
  const columns: TableColumnsType<SummaryStudent> = [
    { key: 'stt', title: t('student_results.fields.stt'), fixed: 'left', width: 56, align: 'center', render: (_, __, i) => i + 1 },
    { key: 'code', dataIndex: 'student_code', title: t('student_results.fields.student_code'), fixed: 'left', width: 110 },
    { key: 'name', dataIndex: 'full_name', title: t('student_results.fields.full_name'), fixed: 'left', width: 200, onCell: cellId('name') },
    {
      key: 'subjects',
      title: year ? <Tooltip title={t('student_results.retest_hint')}>{t('student_results.fields.subjects')}</Tooltip> : t('student_results.fields.subjects'),
      children: subjects,
    },
    level('learning_level'),
    level('conduct_level'),
    {
      key: 'absences',
      title: t('student_results.fields.absences'),
      children: [
        { key: 'excused', dataIndex: 'absences_excused', title: t('student_results.fields.absences_excused'), align: 'center', width: 80, onCell: cellId('absences_excused') },
        { key: 'unexcused', dataIndex: 'absences_unexcused', title: t('student_results.fields.absences_unexcused'), align: 'center', width: 80, onCell: cellId('absences_unexcused') },
      ],
    },
  ];
  if (year) {
    columns.push(
      level('learning_after_retest'),
      level('conduct_after_summer'),
      { key: 'promotion', title: t('student_results.fields.promotion'), width: 150, onCell: cellId('promotion'), render: (_, s) => promotionLabel(s.promotion, t) },
      { key: 'award', title: t('student_results.fields.award'), width: 160, onCell: cellId('award'), render: (_, s) => awardLabel(s.award, t) },
    );
  }

  return (
    <Table<SummaryStudent>
      data-testid="student-results-table"
      dataSource={summary?.students ?? []}
      columns={columns}
      loading={loading}
      rowKey="student_id"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('student_results.no_students') }}
      onRow={(s) => ({ 'data-testid': `result-row-${s.student_code}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
