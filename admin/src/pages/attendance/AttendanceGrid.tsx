import { useTranslate } from '@refinedev/core';
import { Table, Tooltip, theme, type TableColumnsType } from 'antd';
import type { CSSProperties, HTMLAttributes } from 'react';
import { formatDate } from '../../i18n/format.ts';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { cellKey, shownMark, studentTotals, type AbsenceRow, type Marks, type MonthDay } from './attendanceGrid.ts';

interface Props {
  students: SummaryStudent[];
  days: MonthDay[];
  saved: ReadonlyMap<string, AbsenceRow>;
  marks: Marks;
  /** Whether a day's cells may be changed (its semester's sheet is the caller's and not locked). */
  editable: (day: MonthDay) => boolean;
  loading: boolean;
  onCycle: (studentId: string, date: string) => void;
}

/**
 * Rows = students (STT, name), columns = the days of the month, then the month's P, K and total and the
 * year's total (saved absences, from class_summary). A cell is a button cycling empty → P → K → empty:
 * `data-testid="attendance-cell-<student code>-<yyyy-MM-dd>"`. Sundays are shaded; days outside the
 * school year and days after today are disabled.
 */
export function AttendanceGrid({ students, days, saved, marks, editable, loading, onCycle }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const cellButton: CSSProperties = { width: '100%', minWidth: 24, height: 24, padding: 0, border: 'none', background: 'transparent', font: 'inherit', fontWeight: token.fontWeightStrong };
  const sunday = { style: { background: token.colorFillSecondary } } as HTMLAttributes<HTMLElement>;
  const testId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

  const dayColumns: TableColumnsType<SummaryStudent> = days.map((d) => ({
    key: d.date,
    title: (
      <Tooltip title={!d.inYear ? t('attendance.outside_year') : d.ahead ? t('attendance.ahead') : formatDate(d.date)}>
        {d.day}
        <br />
        {t(`attendance.weekdays.${d.weekday}`)}
      </Tooltip>
    ),
    width: 34,
    align: 'center',
    onHeaderCell: () => (d.weekday === 0 ? sunday : {}),
    onCell: () => (d.weekday === 0 ? sunday : {}),
    render: (_, s) => {
      const mark = shownMark(saved, marks, cellKey(s.student_id, d.date));
      const open = editable(d) && d.inYear && !d.ahead;
      return (
        <button
          type="button"
          data-testid={`attendance-cell-${s.student_code}-${d.date}`}
          aria-label={`${s.full_name}, ${formatDate(d.date)}: ${t(`attendance.marks.${mark ?? 'none'}`)}`}
          title={mark ? t(`attendance.marks.${mark}`) : undefined}
          disabled={!open}
          onClick={() => onCycle(s.student_id, d.date)}
          style={{ ...cellButton, color: mark === 'K' ? token.colorError : token.colorText, cursor: open ? 'pointer' : 'default' }}
        >
          {mark ?? ''}
        </button>
      );
    },
  }));

  const total = (field: 'excused' | 'unexcused' | 'total'): TableColumnsType<SummaryStudent>[number] => ({
    key: field,
    title: t(`attendance.fields.${field}`),
    width: 48,
    align: 'center',
    onCell: (s) => testId(`attendance-${field}-${s.student_code}`),
    render: (_, s) => studentTotals(s.student_id, days, saved, marks)[field],
  });

  const columns: TableColumnsType<SummaryStudent> = [
    { key: 'stt', title: t('attendance.fields.stt'), fixed: 'left', width: 48, align: 'center', render: (_, __, i) => i + 1 },
    { key: 'name', dataIndex: 'full_name', title: t('attendance.fields.full_name'), fixed: 'left', width: 190 },
    ...dayColumns,
    { key: 'month', title: t('attendance.fields.month_totals'), children: [total('excused'), total('unexcused'), total('total')] },
    {
      key: 'year',
      title: <Tooltip title={t('attendance.year_total_hint')}>{t('attendance.fields.year_total')}</Tooltip>,
      fixed: 'right',
      width: 64,
      align: 'center',
      onCell: (s) => testId(`attendance-year-${s.student_code}`),
      render: (_, s) => s.absences,
    },
  ];

  return (
    <Table<SummaryStudent>
      data-testid="attendance-grid"
      rowKey="student_id"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      columns={columns}
      dataSource={students}
      locale={{ emptyText: t('attendance.no_students') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
