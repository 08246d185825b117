import { UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, Modal, Table, Tag, Tooltip, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { entryColumns, importRowErrors, parseGradebookWorkbook, type GradebookSheet, type ImportColumn, type ImportResult, type ImportRow, type ScoreChange } from '../../../shared/gradebookSheet.ts';
import { parsePrimaryWorkbook, primaryExcelColumns } from '../primaryExcel.ts';
import { isPrimary, type PrimaryChange } from '../primaryModel.ts';

/** What an import sends: cells (TT22, save_score_entries) or whole periods (TT27, save_primary_entries). */
export type ImportChanges = ScoreChange[] | PrimaryChange[];

type State =
  | { kind: 'empty' }
  | { kind: 'file_error'; message: string }
  | { kind: 'parsed'; rows: ImportRow[]; changes: ImportChanges; errorRows: number; changed: number; cleared: number; serverError?: string };

/** The sheet's columns in the file and its reader: TT22's template, or TT27's (primaryExcel.ts). */
function templateOf(sheet: GradebookSheet): { columns: ImportColumn[]; parse: (buffer: ArrayBuffer) => Promise<ImportResult<ScoreChange> | ImportResult<PrimaryChange>> } {
  return isPrimary(sheet)
    ? { columns: primaryExcelColumns(sheet), parse: (buffer) => parsePrimaryWorkbook(buffer, sheet) }
    : { columns: entryColumns(sheet), parse: (buffer) => parseGradebookWorkbook(buffer, sheet) };
}

const STATUS_COLORS = { changed: 'processing', cleared: 'warning', error: 'error' } as const;

interface Props {
  open: boolean;
  sheet: GradebookSheet;
  onClose: () => void;
  /** Sends the changes through save_score_entries or save_primary_entries (versions of the sheet as loaded); null when saved, else the server's message. */
  onCommit: (changes: ImportChanges) => Promise<string | null>;
  saving: boolean;
}

/**
 * Nhập điểm từ Excel: the file is read against the sheet as loaded and shown cell by cell (changed,
 * cleared, refused with the reason) before anything is written; only a file without errors can be
 * committed, in the same single save as the grid, so a conflict or lock refuses all of it. A primary
 * sheet's file has TT27's columns (level, test, comment per period) and goes to save_primary_entries.
 */
export function GradebookImport({ open, sheet, onClose, onCommit, saving }: Props) {
  const t = useTranslate();
  const [state, setState] = useState<State>({ kind: 'empty' });
  const { columns, parse } = templateOf(sheet);

  const read = async (file: File) => {
    const result = await parse(await file.arrayBuffer());
    setState(result.ok ? { kind: 'parsed', ...result } : { kind: 'file_error', message: result.fileError });
  };
  const close = () => {
    setState({ kind: 'empty' });
    onClose();
  };
  const commit = async () => {
    if (state.kind !== 'parsed') return;
    const serverError = await onCommit(state.changes);
    if (serverError === null) close();
    else setState({ ...state, serverError });
  };

  const tableColumns: TableColumnsType<ImportRow> = [
    { key: 'row', dataIndex: 'row', title: t('score_entries.import.row'), width: 64 },
    { key: 'code', dataIndex: 'student_code', title: t('score_entries.columns.student_code') },
    { key: 'name', dataIndex: 'full_name', title: t('score_entries.columns.full_name') },
    ...columns.map((c) => ({
      key: c.key,
      title: c.label,
      render: (_: unknown, r: ImportRow) => {
        const cell = r.cells.find((x) => x.key === c.key);
        if (!cell) return null;
        if (cell.status === 'same') return cell.after;
        const text = cell.status === 'cleared' ? t('score_entries.import.cleared', { before: cell.before }) : cell.status === 'changed' && cell.before ? `${cell.before} → ${cell.after}` : cell.after;
        return (
          <Tooltip title={cell.message}>
            <Tag data-testid={`import-cell-${r.row}-${c.key}`} color={STATUS_COLORS[cell.status]}>
              {text}
            </Tag>
          </Tooltip>
        );
      },
    })),
    {
      key: 'messages',
      title: t('score_entries.import.messages'),
      render: (_, r) => {
        const errors = importRowErrors(r);
        return errors.length > 0 ? (
          <Typography.Text type="danger" data-testid={`import-row-error-${r.row}`}>
            {errors.join('; ')}
          </Typography.Text>
        ) : null;
      },
    },
  ];
  const parsed = state.kind === 'parsed' ? state : null;

  return (
    <Modal
      open={open}
      width={1100}
      title={t('score_entries.import.title', { subject: sheet.subject.name, className: sheet.class.name })}
      onCancel={close}
      onOk={() => void commit()}
      okText={t('score_entries.import.commit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: !parsed || parsed.errorRows > 0 || parsed.changes.length === 0, 'data-testid': 'score-import-commit' }}
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary">{t('score_entries.import.help', { columns: columns.map((c) => c.label).join(', ') })}</Typography.Paragraph>
        <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={(file) => (void read(file), false)}>
          <Button icon={<UploadOutlined />} data-testid="score-import-file">
            {t('score_entries.import.choose_file')}
          </Button>
        </Upload>
        {state.kind === 'file_error' && <Alert data-testid="score-import-file-error" type="error" showIcon message={state.message} />}
        {parsed?.serverError && <Alert data-testid="score-import-server-error" type="error" showIcon message={parsed.serverError} />}
        {parsed && parsed.errorRows > 0 && <Alert data-testid="score-import-errors" type="error" showIcon message={t('score_entries.import.refused', { count: parsed.errorRows })} />}
        {parsed && parsed.errorRows === 0 && (
          <Alert
            data-testid="score-import-ready"
            type={parsed.cleared > 0 ? 'warning' : parsed.changes.length > 0 ? 'success' : 'info'}
            showIcon
            message={
              parsed.changes.length === 0
                ? t('score_entries.import.nothing')
                : t(isPrimary(sheet) ? 'score_entries.primary.import_ready' : 'score_entries.import.ready', { changed: parsed.changed, cleared: parsed.cleared })
            }
          />
        )}
        {parsed && <Table<ImportRow> dataSource={parsed.rows} columns={tableColumns} rowKey="row" size="small" pagination={{ pageSize: 15 }} scroll={{ x: 'max-content' }} />}
      </Flex>
    </Modal>
  );
}
