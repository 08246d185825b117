import { AuditOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Progress, Table, Tabs, Tag, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { percent, type ProgressRow, type TeacherGroup } from './progress.ts';

/** A row of the teacher tree: a teacher with their sheets as children, or one sheet. */
interface Node {
  key: string;
  teacherId: string | null;
  teacherName: string | null;
  sheet: ProgressRow | null;
  group: TeacherGroup | null;
  students: number;
  required: number;
  done: number;
  due: number;
  overdue: number;
  children?: Node[];
}

interface Props {
  rows: ProgressRow[];
  groups: TeacherGroup[];
  loading: boolean;
  canCheck: boolean;
  /** The school of the year shown: the scope of a check recorded from a row. */
  schoolId: string | undefined;
  onCheck: (group: TeacherGroup, sheet: ProgressRow | null) => void;
}

const sheetKey = (r: ProgressRow) => `${r.class_name}-${r.subject_name}`;

/**
 * The dashboard's two tables over the same rows: by teacher (each teacher's totals, their sheets
 * beneath, most overdue first) and flat by class × subject; both sortable by overdue, overdue in red.
 * Only the teacher tree carries the sheet rows' test ids, so each id is on the page once.
 */
export function ProgressTables({ rows, groups, loading, canCheck, schoolId, onCheck }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  // Teachers start collapsed: their sheets render when opened (a school has ~100 sheets; rendering them
  // all with their bars kept the first paint over a second on the demo machine).
  const [opened, setOpened] = useState<Set<string>>(new Set());
  const groupOf = useMemo(() => new Map(groups.map((g) => [g.key, g])), [groups]);

  const tree: Node[] = useMemo(
    () =>
      groups.map((g) => ({
        key: `t:${g.key}`,
        teacherId: g.teacherId,
        teacherName: g.teacherName,
        sheet: null,
        group: g,
        students: g.students,
        required: g.required,
        done: g.done,
        due: g.due,
        overdue: g.overdue,
        children: g.sheets.map((s) => ({ key: `s:${s.class_id}:${s.subject_id}`, teacherId: s.teacher_id, teacherName: s.teacher_name, sheet: s, group: g, ...s })),
      })),
    [groups],
  );

  const bar = (done: number, required: number, overdue: number) => (
    <Progress
      percent={percent(done, required)}
      size="small"
      strokeColor={overdue > 0 ? token.colorError : done >= required ? token.colorSuccess : token.colorPrimary}
      format={(p) => `${formatNumber(p ?? 0)} %`}
    />
  );
  const overdueText = (n: number) => (
    <Typography.Text type={n > 0 ? 'danger' : 'secondary'} strong={n > 0}>
      {formatNumber(n)}
    </Typography.Text>
  );
  const numbers = <T extends { students: number; required: number; done: number; due: number; overdue: number }>(testId?: (r: T) => string | undefined): ColumnsType<T> => [
    { key: 'students', dataIndex: 'students', title: t('gradebook_progress.fields.students'), align: 'right', render: (v: number) => formatNumber(v) },
    { key: 'required', dataIndex: 'required', title: t('gradebook_progress.fields.required'), align: 'right', render: (v: number) => formatNumber(v) },
    { key: 'done', dataIndex: 'done', title: t('gradebook_progress.fields.done'), align: 'right', render: (v: number) => formatNumber(v) },
    { key: 'due', dataIndex: 'due', title: t('gradebook_progress.fields.due'), align: 'right', render: (v: number) => formatNumber(v) },
    {
      key: 'overdue',
      dataIndex: 'overdue',
      title: t('gradebook_progress.fields.overdue'),
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      sortDirections: ['descend', 'ascend'],
      onCell: (r) => ({ 'data-testid': testId?.(r) }) as HTMLAttributes<HTMLElement>,
      render: (v: number) => overdueText(v),
    },
    { key: 'progress', title: t('gradebook_progress.fields.progress'), width: 180, render: (_, r) => bar(r.done, r.required, r.overdue) },
  ];

  const treeColumns: ColumnsType<Node> = [
    {
      key: 'name',
      title: `${t('gradebook_progress.fields.teacher')} / ${t('gradebook_progress.fields.sheet')}`,
      render: (_, n) =>
        n.sheet ? (
          <span>
            {`${n.sheet.class_name} – ${n.sheet.subject_name}`} <Tag>{t(`gradebook_progress.regimes.${n.sheet.regime}`)}</Tag>
          </span>
        ) : (
          <span>
            <Typography.Text strong>{n.teacherName ?? t('gradebook_progress.unassigned')}</Typography.Text>{' '}
            <Typography.Text type="secondary">{t('gradebook_progress.sheets_count', { count: n.children?.length ?? 0 })}</Typography.Text>
          </span>
        ),
    },
    ...numbers<Node>((n) => (n.sheet ? `progress-overdue-${sheetKey(n.sheet)}` : n.teacherId ? `progress-teacher-overdue-${n.teacherId}` : undefined)),
  ];
  if (canCheck)
    treeColumns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, n) => {
        if (!n.teacherId || !n.group) return null;
        if (!n.sheet)
          return (
            <ActionButton resource="inspections" action="create" row={{ school_id: schoolId, user_id: n.teacherId }}
              size="small" icon={<AuditOutlined />} onClick={() => onCheck(n.group!, null)} data-testid={`progress-check-${n.teacherId}`}>
              {t('gradebook_progress.check')}
            </ActionButton>
          );
        return (
          <ActionButton
            resource="inspections"
            action="create"
            row={{ school_id: schoolId, class_id: n.sheet.class_id, subject_id: n.sheet.subject_id, user_id: n.teacherId }}
            size="small"
            type="text"
            icon={<FileSearchOutlined />}
            aria-label={t('gradebook_progress.check_sheet')}
            title={t('gradebook_progress.check_sheet')}
            onClick={() => onCheck(n.group!, n.sheet)}
            data-testid={`progress-check-${n.teacherId}-${sheetKey(n.sheet)}`}
          />
        );
      },
    });

  const sheetColumns: ColumnsType<ProgressRow> = [
    { key: 'class', dataIndex: 'class_name', title: t('gradebook_progress.fields.class') },
    { key: 'subject', dataIndex: 'subject_name', title: t('gradebook_progress.fields.subject') },
    { key: 'regime', dataIndex: 'regime', title: t('gradebook_progress.fields.regime'), render: (v: ProgressRow['regime']) => t(`gradebook_progress.regimes.${v}`) },
    { key: 'teacher', dataIndex: 'teacher_name', title: t('gradebook_progress.fields.teacher'), render: (v: string | null) => v ?? t('gradebook_progress.unassigned') },
    ...numbers<ProgressRow>(),
  ];
  if (canCheck)
    sheetColumns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => {
        const g = r.teacher_id ? groupOf.get(r.teacher_id) : undefined;
        return g ? (
          <ActionButton resource="inspections" action="create" row={{ school_id: schoolId, class_id: r.class_id, subject_id: r.subject_id, user_id: r.teacher_id }}
            size="small" type="text" icon={<FileSearchOutlined />} aria-label={t('gradebook_progress.check_sheet')} title={t('gradebook_progress.check_sheet')} onClick={() => onCheck(g, r)}
            data-testid={`progress-check-sheet-${sheetKey(r)}`} />
        ) : null;
      },
    });

  const expanded = tree.filter((n) => opened.has(n.key)).map((n) => n.key);
  return (
    <Tabs
      items={[
        {
          key: 'teacher',
          label: t('gradebook_progress.views.teacher'),
          children: (
            <Table<Node>
              dataSource={tree}
              columns={treeColumns}
              loading={loading}
              rowKey="key"
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('gradebook_progress.empty') }}
              expandable={{
                expandedRowKeys: expanded,
                onExpand: (open, n) =>
                  setOpened((c) => {
                    const next = new Set(c);
                    if (open) next.add(n.key);
                    else next.delete(n.key);
                    return next;
                  }),
              }}
              onRow={(n) =>
                ({ 'data-testid': n.sheet ? `progress-row-${sheetKey(n.sheet)}` : `progress-teacher-${n.teacherId ?? 'unassigned'}` }) as HTMLAttributes<HTMLElement>
              }
            />
          ),
        },
        {
          key: 'sheet',
          label: t('gradebook_progress.views.sheet'),
          children: (
            <Table<ProgressRow>
              dataSource={rows}
              columns={sheetColumns}
              loading={loading}
              rowKey={(r) => `${r.class_id}:${r.subject_id}`}
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('gradebook_progress.empty') }}
              onRow={(r) => ({ 'data-testid': `progress-sheet-${sheetKey(r)}` }) as HTMLAttributes<HTMLElement>}
            />
          ),
        },
      ]}
    />
  );
}
