import { useTranslate } from '@refinedev/core';
import { Input, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { SummaryStudent } from '../../shared/classSummary.ts';
import { LEVELS, MAX_COMMENT, parseConductLevel, shownDraft, type ConductPeriod, type ConductRow, type Draft, type Drafts } from './conductSheet.ts';

interface Props {
  students: SummaryStudent[];
  rows: ConductRow[];
  drafts: Drafts;
  invalid: ReadonlySet<string>;
  period: ConductPeriod;
  editable: boolean;
  loading: boolean;
  onChange: (studentId: string, draft: Draft) => void;
}

/**
 * One row per student: STT, code, name, (for the summer re-rating) the year's conduct as a hint, the
 * level and the comment. Inputs carry `data-testid="conduct-level-<student code>"` and
 * `conduct-comment-<student code>`; disabled when the user may only read.
 */
export function ConductTable({ students, rows, drafts, invalid, period, editable, loading, onChange }: Props) {
  const t = useTranslate();
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  const draftOf = (s: SummaryStudent) => shownDraft(byStudent.get(s.student_id), drafts[s.student_id]);
  const levelOptions = LEVELS.map((l) => ({ value: l, label: t(`conduct_ratings.levels.${l}`) }));

  const columns: TableColumnsType<SummaryStudent> = [
    { key: 'stt', title: t('conduct_ratings.fields.stt'), width: 56, align: 'center', render: (_, __, i) => i + 1 },
    { key: 'code', dataIndex: 'student_code', title: t('conduct_ratings.fields.student_code'), width: 110 },
    { key: 'name', dataIndex: 'full_name', title: t('conduct_ratings.fields.full_name'), width: 200 },
  ];
  if (period === 'summer') {
    columns.push({
      key: 'year_level',
      title: t('conduct_ratings.fields.year_level'),
      width: 110,
      align: 'center',
      render: (_, s) => (
        <Typography.Text type={s.conduct_level === 'chua_dat' ? 'danger' : undefined} data-testid={`conduct-year-level-${s.student_code}`}>
          {s.conduct_level ? t(`conduct_ratings.levels.${s.conduct_level}`) : ''}
        </Typography.Text>
      ),
    });
  }
  columns.push(
    {
      key: 'level',
      title: t('conduct_ratings.fields.level'),
      width: 160,
      render: (_, s) => (
        <Tooltip title={invalid.has(s.student_id) ? t('conduct_ratings.invalid_row') : undefined}>
          <Select
            data-testid={`conduct-level-${s.student_code}`}
            aria-label={`${t('conduct_ratings.fields.level')} — ${s.full_name}`}
            style={{ width: '100%' }}
            allowClear
            // Typed T / K / Đ (D) / C leave only that level, which Enter then picks (not the first, Tốt).
            showSearch
            filterOption={(input, option) => parseConductLevel(input) === option?.value}
            placeholder={t('conduct_ratings.pick_level')}
            status={invalid.has(s.student_id) ? 'error' : undefined}
            disabled={!editable}
            value={draftOf(s).level}
            options={levelOptions}
            onChange={(level) => onChange(s.student_id, { ...draftOf(s), level: level ?? null })}
            popupMatchSelectWidth={false}
          />
        </Tooltip>
      ),
    },
    {
      key: 'comment',
      title: t('conduct_ratings.fields.comment'),
      render: (_, s) => (
        <Input.TextArea
          data-testid={`conduct-comment-${s.student_code}`}
          aria-label={`${t('conduct_ratings.fields.comment')} — ${s.full_name}`}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={MAX_COMMENT}
          disabled={!editable}
          value={draftOf(s).comment}
          onChange={(e) => onChange(s.student_id, { ...draftOf(s), comment: e.target.value })}
        />
      ),
    },
  );

  return (
    <Table<SummaryStudent>
      data-testid="conduct-table"
      rowKey="student_id"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      columns={columns}
      dataSource={students}
      locale={{ emptyText: t('conduct_ratings.no_students') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
