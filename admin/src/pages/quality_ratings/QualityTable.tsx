import { useTranslate } from '@refinedev/core';
import { Flex, Input, Select, Table, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import { memo, useMemo } from 'react';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import {
  MAX_COMMENT,
  QUALITY_GROUPS,
  QUALITY_LEVELS,
  indexRows,
  parseQualityLevel,
  shownComment,
  shownLevel,
  type Drafts,
  type PrimaryResult,
  type QualityGroup,
  type QualityLevel,
  type QualityRow,
} from './qualitySheet.ts';

interface Props {
  students: SummaryStudent[];
  rows: QualityRow[];
  drafts: Drafts;
  invalid: ReadonlySet<string>;
  /** The end of the year: the year result column is shown. */
  results: ReadonlyMap<string, PrimaryResult> | null;
  editable: boolean;
  loading: boolean;
  onLevel: (studentId: string, code: string, level: QualityLevel | null) => void;
  onComment: (studentId: string, comment: string) => void;
  /** The height of the sticky toolbar above the table: its header sticks just below it. */
  offsetHeader?: number;
}

interface CellProps {
  studentId: string;
  code: string;
  testId: string;
  label: string;
  value: QualityLevel | null;
  disabled: boolean;
  options: { value: QualityLevel; label: string; title: string }[];
  width: number;
  onLevel: Props['onLevel'];
}

/** One rating: a Select that also takes T / Đ / C typed (Enter picks it). Re-renders only when its value changes. */
const QualityCell = memo(function QualityCell({ studentId, code, testId, label, value, disabled, options, width, onLevel }: CellProps) {
  return (
    <Select<QualityLevel>
      data-testid={testId}
      aria-label={label}
      size="small"
      style={{ width }}
      allowClear
      showSearch
      filterOption={(input, option) => parseQualityLevel(input) === option?.value}
      disabled={disabled}
      value={value}
      options={options}
      onChange={(level) => onLevel(studentId, code, level ?? null)}
      popupMatchSelectWidth={false}
    />
  );
});

/**
 * One row per student: STT, code, name, the 15 qualities and competencies under their groups (Phẩm chất,
 * Năng lực chung, Năng lực đặc thù), the comment, and at the end of the year the year result and the
 * programme completion. Test ids: `quality-cell-<student code>-<code>`, `quality-comment-<student code>`,
 * `quality-result-<student code>`. Inputs are disabled when the user may only read.
 */
export function QualityTable({ students, rows, drafts, invalid, results, editable, loading, onLevel, onComment, offsetHeader = 0 }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const byKey = useMemo(() => indexRows(rows), [rows]);
  const options = useMemo(() => QUALITY_LEVELS.map((l) => ({ value: l, label: t(`quality_ratings.levels_short.${l}`), title: t(`quality_ratings.levels.${l}`) })), [t]);
  const cellWidth = token.controlHeight * 2;

  const groups = (Object.keys(QUALITY_GROUPS) as QualityGroup[]).map((group) => ({
    key: group,
    title: t(`quality_ratings.groups.${group}`),
    children: QUALITY_GROUPS[group].map((code) => ({
      key: code,
      title: t(`quality_ratings.codes.${code}`),
      width: cellWidth,
      align: 'center' as const,
      render: (_: unknown, s: SummaryStudent) => (
        <QualityCell
          studentId={s.student_id}
          code={code}
          testId={`quality-cell-${s.student_code}-${code}`}
          label={`${s.full_name} – ${t(`quality_ratings.codes.${code}`)}`}
          value={shownLevel(byKey, drafts, s.student_id, code)}
          disabled={!editable}
          options={options}
          width={cellWidth}
          onLevel={onLevel}
        />
      ),
    })),
  }));

  const columns: TableColumnsType<SummaryStudent> = [
    { key: 'stt', title: t('quality_ratings.fields.stt'), width: 56, align: 'center', fixed: 'left', render: (_, __, i) => i + 1 },
    { key: 'code', dataIndex: 'student_code', title: t('quality_ratings.fields.student_code'), width: 110 },
    { key: 'name', dataIndex: 'full_name', title: t('quality_ratings.fields.full_name'), width: 200, fixed: 'left' },
    ...groups,
    {
      key: 'comment',
      title: t('quality_ratings.fields.comment'),
      width: token.controlHeight * 8,
      render: (_, s) => (
        <Tooltip title={invalid.has(s.student_id) ? t('quality_ratings.invalid_row') : undefined}>
          <Input.TextArea
            data-testid={`quality-comment-${s.student_code}`}
            aria-label={`${t('quality_ratings.fields.comment')} — ${s.full_name}`}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={MAX_COMMENT}
            status={invalid.has(s.student_id) ? 'error' : undefined}
            disabled={!editable}
            value={shownComment(byKey, drafts, s.student_id)}
            onChange={(e) => onComment(s.student_id, e.target.value)}
          />
        </Tooltip>
      ),
    },
  ];
  if (results) {
    columns.push({
      key: 'result',
      title: t('quality_ratings.fields.result'),
      width: token.controlHeight * 6,
      render: (_, s) => {
        const r = results.get(s.student_id);
        return (
          <Flex vertical data-testid={`quality-result-${s.student_code}`} data-result={r?.year_result ?? ''} data-completion={r?.completion ?? ''}>
            <Typography.Text strong={!!r?.year_result} type={r?.year_result ? (r.year_result === 'chua_hoan_thanh' ? 'danger' : undefined) : 'secondary'}>
              {r?.year_result ? t(`quality_ratings.year_results.${r.year_result}`) : t('quality_ratings.no_result')}
            </Typography.Text>
            {r?.completion && <Typography.Text type="secondary">{t(`quality_ratings.completions.${r.completion}`)}</Typography.Text>}
          </Flex>
        );
      },
    });
  }

  return (
    <Table<SummaryStudent>
      data-testid="quality-table"
      rowKey="student_id"
      size="small"
      bordered
      sticky={{ offsetHeader }}
      loading={loading}
      pagination={false}
      columns={columns}
      dataSource={students}
      locale={{ emptyText: t('quality_ratings.no_students') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
