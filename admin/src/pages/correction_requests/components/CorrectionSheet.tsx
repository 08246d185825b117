import { useTranslate } from '@refinedev/core';
import { Button, Input, Table, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { entryColumns, entryValue, findEntry, isComment, parseCell, valueText, type GradebookSheet, type SheetStudent } from '../../../shared/gradebookSheet.ts';
import { itemKey, type DraftItem } from '../correctionModel.ts';

/**
 * The sheet as it is recorded now, read-only: students × TX1…n, GK, CK (or Kiểm tra lại). A click on a
 * cell adds it to the request; chosen cells are marked.
 */
export function CorrectionSheet({ sheet, chosen, onPick }: { sheet: GradebookSheet; chosen: ReadonlySet<string>; onPick: (item: Omit<DraftItem, 'value'>) => void }) {
  const t = useTranslate();
  const columns = entryColumns(sheet);
  const comment = isComment(sheet);
  return (
    <Table<SheetStudent>
      dataSource={sheet.students}
      rowKey="student_id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      bordered
      data-testid="correction-sheet"
    >
      <Table.Column<SheetStudent> key="no" title="STT" render={(_, __, i) => i + 1} />
      <Table.Column<SheetStudent> dataIndex="full_name" title={t('correction_requests.fields.student')} />
      {columns.map((c) => (
        <Table.Column<SheetStudent>
          key={c.key}
          title={c.label}
          align="center"
          onCell={(s) => {
            const k = itemKey(s.student_id, c.kind, c.seq);
            return {
              'data-testid': `correction-cell-${k}`,
              'data-chosen': chosen.has(k) ? 'true' : undefined,
              className: s.exempt ? 'correction-cell correction-cell-exempt' : chosen.has(k) ? 'correction-cell correction-cell-chosen' : 'correction-cell',
              onClick: s.exempt ? undefined : () => onPick({ student_id: s.student_id, kind: c.kind, seq: c.seq }),
            } as HTMLAttributes<HTMLElement>;
          }}
          render={(_, s) => {
            if (s.exempt) return <Typography.Text type="secondary">{t('correction_requests.form.exempt')}</Typography.Text>;
            const k = itemKey(s.student_id, c.kind, c.seq);
            const text = valueText(entryValue(findEntry(s, c), comment));
            return chosen.has(k) ? <Typography.Text strong underline>{text || '·'}</Typography.Text> : text;
          }}
        />
      ))}
    </Table>
  );
}

interface ItemRow extends DraftItem {
  key: string;
  name: string;
  label: string;
  recorded: string;
  problem: string | null;
}

/** The chosen entries with their recorded value and the value proposed (typed as the gradebook reads it). */
export function DraftItemsTable({ sheet, items, onValue, onRemove }: { sheet: GradebookSheet; items: DraftItem[]; onValue: (key: string, value: string) => void; onRemove: (key: string) => void }) {
  const t = useTranslate();
  const comment = isComment(sheet);
  const columns = entryColumns(sheet);
  const rows: ItemRow[] = items.map((i) => {
    const student = sheet.students.find((s) => s.student_id === i.student_id);
    const column = columns.find((c) => c.kind === i.kind && c.seq === i.seq);
    const recordedValue = student && column ? entryValue(findEntry(student, column), comment) : null;
    const parsed = i.value.trim() ? parseCell(i.value, comment) : null;
    const problem = parsed && !parsed.ok ? parsed.message : parsed?.ok && parsed.value === recordedValue ? t('correction_requests.form.same_value') : null;
    return {
      ...i,
      key: itemKey(i.student_id, i.kind, i.seq),
      name: student?.full_name ?? i.student_id,
      label: column?.label ?? i.kind,
      recorded: valueText(recordedValue),
      problem,
    };
  });
  return (
    <Table<ItemRow> dataSource={rows} rowKey="key" size="small" pagination={false} locale={{ emptyText: t('correction_requests.form.no_items') }} data-testid="correction-items">
      <Table.Column<ItemRow> dataIndex="name" title={t('correction_requests.fields.student')} />
      <Table.Column<ItemRow> dataIndex="label" title={t('correction_requests.fields.column')} />
      <Table.Column<ItemRow> key="recorded" title={t('correction_requests.fields.recorded')} render={(_, r) => r.recorded || t('correction_requests.form.empty_cell')} />
      <Table.Column<ItemRow>
        key="proposed"
        title={t('correction_requests.fields.proposed')}
        render={(_, r) => (
          <>
            <Input
              value={r.value}
              autoFocus={r.value === ''}
              status={r.problem ? 'error' : undefined}
              placeholder={comment ? 'Đ / CĐ' : '8,5'}
              onChange={(e) => onValue(r.key, e.target.value)}
              data-testid={`correction-value-${r.key}`}
              inputMode={comment ? 'text' : 'decimal'}
            />
            {r.problem && <Typography.Text type="danger">{r.problem}</Typography.Text>}
          </>
        )}
      />
      <Table.Column<ItemRow>
        key="remove"
        render={(_, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('correction_requests.form.remove_item')} onClick={() => onRemove(r.key)} data-testid={`correction-remove-${r.key}`} />}
      />
    </Table>
  );
}
