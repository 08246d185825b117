import { useTranslate } from '@refinedev/core';
import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { completionLabel, qualitiesText, subjectLevelText, yearResultLabel, type PrimarySummary, type PrimarySummaryStudent } from './primarySummary.ts';

type Column = TableColumnsType<PrimarySummaryStudent>[number];

/** `data-testid` on a cell: `result-<student code>-<subject code or field>`, as the TT22 table's. */
const cellId = (field: string) => (s: PrimarySummaryStudent) => ({ 'data-testid': `result-${s.student_code}-${field}` }) as HTMLAttributes<HTMLElement>;

/**
 * A primary class (TT27), one row per pupil: each subject's level at the end of the period with the
 * periodic test score, the qualities and competencies by level, absences and, for the year, the
 * education result and programme completion. No TT22 column (ĐTB, học lực, hạnh kiểm). Scrolls sideways
 * with STT, code and name fixed.
 */
export function PrimarySummaryTable({ summary, year, loading }: { summary: PrimarySummary; year: boolean; loading: boolean }) {
  const t = useTranslate();
  const subjects: Column[] = summary.subjects.map((subject) => ({
    key: subject.id,
    title: <Tooltip title={subject.name}>{subject.name}</Tooltip>,
    align: 'center',
    width: 90,
    onCell: cellId(subject.code),
    render: (_, s) => {
      const result = s.levels[subject.id];
      return <Typography.Text type={result?.level === 'C' ? 'danger' : undefined}>{subjectLevelText(result, subject.tested, t)}</Typography.Text>;
    },
  }));
  const columns: TableColumnsType<PrimarySummaryStudent> = [
    { key: 'stt', title: t('student_results.fields.stt'), fixed: 'left', width: 56, align: 'center', render: (_, __, i) => i + 1 },
    { key: 'code', dataIndex: 'student_code', title: t('student_results.fields.student_code'), fixed: 'left', width: 110 },
    { key: 'name', dataIndex: 'full_name', title: t('student_results.fields.full_name'), fixed: 'left', width: 200, onCell: cellId('name') },
    { key: 'subjects', title: t('student_results.tt27.fields.subjects'), children: subjects },
    { key: 'qualities', title: t('student_results.tt27.fields.qualities'), width: 220, onCell: cellId('qualities'), render: (_, s) => qualitiesText(s.qualities, t) },
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
      {
        key: 'year_result',
        title: t('student_results.tt27.fields.year_result'),
        width: 170,
        onCell: cellId('year_result'),
        render: (_, s) => (
          <Typography.Text type={s.year_result === 'chua_hoan_thanh' ? 'danger' : s.year_result === null ? 'secondary' : undefined}>{yearResultLabel(s.year_result, t)}</Typography.Text>
        ),
      },
      { key: 'completion', title: t('student_results.tt27.fields.completion'), width: 240, onCell: cellId('completion'), render: (_, s) => completionLabel(s.completion, t) },
    );
  }

  return (
    <Table<PrimarySummaryStudent>
      data-testid="student-results-table"
      dataSource={summary.students}
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
