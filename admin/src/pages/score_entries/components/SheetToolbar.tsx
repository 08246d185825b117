import { DownloadOutlined, EditOutlined, HistoryOutlined, ReloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Button, Flex, Tooltip, theme } from 'antd';
import { ActionButton } from '../../../components/ActionButton.tsx';
import type { GradebookSheet } from '../../../shared/gradebookSheet.ts';
import { newCorrectionRequestPath, sheetWritable } from '../corrections.ts';
import { downloadGradebook } from '../downloadGradebook.ts';
import { isPrimary } from '../primaryModel.ts';
import type { useGradebook } from '../useGradebook.ts';

interface Props {
  sheet: GradebookSheet;
  book: ReturnType<typeof useGradebook>;
  /** A cell is selected: its history can be shown. */
  canShowHistory: boolean;
  onHistory: () => void;
  onImport: () => void;
  onSave: () => void;
  /** Reload the sheet (the page asks first when edits are unsaved). */
  onReload: () => void;
}

/**
 * The sheet's actions; each one that writes is an ActionButton of its matrix cell on this class ×
 * subject, shown only when the sheet's own answer (`can_edit`, `locked`, open corrections) allows it:
 * reload, Excel export and import (an open sheet of one's own only: a frozen sheet changes through
 * corrections, cell by cell), save (also the cells of an open correction), the history of the selected
 * cell, and on a frozen sheet of one's own a new correction request for it. A primary (TT27) sheet has the
 * Excel export and import too (its own columns, primaryExcel.ts) but not the correction form yet (TT22's).
 */
export function SheetToolbar({ sheet, book, canShowHistory, onHistory, onImport, onSave, onReload }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const primary = isPrimary(sheet);
  // A primary "re-test" sheet has no columns (TT27 has no re-test): nothing to export or import.
  const excel = !(primary && sheet.semester === null);
  const importable = excel && sheet.can_edit && !sheet.locked;
  const row = { class_id: sheet.class.id, subject_id: sheet.subject.id };
  return (
    <Flex gap={token.marginXS} wrap>
      <Button icon={<ReloadOutlined />} onClick={onReload} data-testid="score-reload-sheet">
        {t('score_entries.reload')}
      </Button>
      {excel && (
        <ActionButton resource="score_entries" action="export" row={row} icon={<DownloadOutlined />} onClick={() => void downloadGradebook(sheet)} data-testid="score-export">
          {t('score_entries.export')}
        </ActionButton>
      )}
      {importable && (
        <Tooltip title={book.dirty ? t('score_entries.import.save_first') : undefined}>
          <span>
            <ActionButton resource="score_entries" action="edit" row={row} icon={<UploadOutlined />} disabled={book.dirty} onClick={onImport} data-testid="score-import-open">
              {t('score_entries.import.open')}
            </ActionButton>
          </span>
        </Tooltip>
      )}
      <Tooltip title={canShowHistory ? undefined : t('score_entries.history.pick_cell')}>
        <Button icon={<HistoryOutlined />} disabled={!canShowHistory} onClick={onHistory} data-testid="cell-history-button">
          {t('score_entries.history.open')}
        </Button>
      </Tooltip>
      <ActionButton
        resource="correction_requests"
        action="create"
        row={row}
        allowed={sheet.locked && sheet.can_edit && !primary}
        icon={<EditOutlined />}
        href={`#${newCorrectionRequestPath(sheet)}`}
        data-testid="correction-request-button"
      >
        {t('score_entries.correction.request')}
      </ActionButton>
      <ActionButton
        resource="score_entries"
        action="edit"
        row={row}
        allowed={sheetWritable(sheet)}
        type="primary"
        icon={<SaveOutlined />}
        disabled={book.pending.changes.length === 0 || book.pending.invalid > 0}
        loading={book.saving}
        onClick={onSave}
        data-testid="score-save"
      >
        {t('score_entries.save', { count: book.pending.changes.length })}
      </ActionButton>
    </Flex>
  );
}
