import { useTranslate } from '@refinedev/core';
import { Flex, Input, Table, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import { memo, useMemo, type CSSProperties, type KeyboardEvent } from 'react';
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
  /** The look of antd's small inputs, from the theme (one object for every cell). */
  style: { enabled: CSSProperties; disabled: CSSProperties };
}

/**
 * One rating: a native <select> (T / Đ / C, empty clears), styled like antd's small inputs. A class has
 * 15 of them per student (420–645 per sheet): antd's Select, a component tree each, took seconds to
 * render the sheet; a native element costs nothing. Typed T / Đ (D) / C picks the level, Delete or
 * Backspace clears. Re-renders only when its value changes.
 */
const QualityCell = memo(function QualityCell({ studentId, code, testId, label, value, disabled, options, width, onLevel, style }: CellProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (value !== null) onLevel(studentId, code, null);
      return;
    }
    if (e.key.length !== 1) return;
    const level = parseQualityLevel(e.key);
    if (level === undefined) return;
    e.preventDefault();
    if (level !== value) onLevel(studentId, code, level);
  };
  return (
    <select
      data-testid={testId}
      aria-label={label}
      title={options.find((o) => o.value === value)?.title}
      style={{ ...(disabled ? style.disabled : style.enabled), width }}
      disabled={disabled}
      value={value ?? ''}
      onChange={(e) => onLevel(studentId, code, (e.target.value || null) as QualityLevel | null)}
      onKeyDown={onKeyDown}
    >
      <option value="" />
      {options.map((o) => (
        <option key={o.value} value={o.value} title={o.title}>
          {o.label}
        </option>
      ))}
    </select>
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
  const cellStyle = useMemo(() => {
    const enabled: CSSProperties = {
      height: token.controlHeightSM,
      paddingInline: token.paddingXXS,
      border: `${token.lineWidth}px ${token.lineType} ${token.colorBorder}`,
      borderRadius: token.borderRadiusSM,
      background: token.colorBgContainer,
      color: token.colorText,
      font: 'inherit',
      textAlign: 'center',
    };
    return { enabled, disabled: { ...enabled, background: token.colorBgContainerDisabled, color: token.colorTextDisabled, cursor: 'not-allowed' } };
  }, [token]);

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
          style={cellStyle}
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
