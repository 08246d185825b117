import { DownloadOutlined, EditOutlined, HistoryOutlined, ReloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Button, Flex, Tooltip, theme } from 'antd';
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
}

/**
 * The sheet's actions: reload, Excel export and import (an open sheet of one's own only: a frozen sheet
 * changes through corrections, cell by cell), save (also the cells of an open correction), the history
 * of the selected cell, and on a frozen sheet of one's own a new correction request for it. A primary
 * (TT27) sheet has neither the Excel template nor the correction form yet (both are TT22's): only reload,
 * history and save.
 */
export function SheetToolbar({ sheet, book, canShowHistory, onHistory, onImport, onSave }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const primary = isPrimary(sheet);
  const importable = sheet.can_edit && !sheet.locked;
  return (
    <Flex gap={token.marginXS} wrap>
      <Button icon={<ReloadOutlined />} onClick={() => void book.reload(false)} data-testid="score-reload-sheet">
        {t('score_entries.reload')}
      </Button>
      {!primary && (
        <Button icon={<DownloadOutlined />} onClick={() => void downloadGradebook(sheet)} data-testid="score-export">
          {t('score_entries.export')}
        </Button>
      )}
      {!primary && (
        <Tooltip title={book.dirty ? t('score_entries.import.save_first') : undefined}>
          <Button icon={<UploadOutlined />} disabled={!importable || book.dirty} onClick={onImport} data-testid="score-import-open">
            {t('score_entries.import.open')}
          </Button>
        </Tooltip>
      )}
      <Tooltip title={canShowHistory ? undefined : t('score_entries.history.pick_cell')}>
        <Button icon={<HistoryOutlined />} disabled={!canShowHistory} onClick={onHistory} data-testid="cell-history-button">
          {t('score_entries.history.open')}
        </Button>
      </Tooltip>
      {sheet.locked && sheet.can_edit && !primary && (
        <Button icon={<EditOutlined />} href={`#${newCorrectionRequestPath(sheet)}`} data-testid="correction-request-button">
          {t('score_entries.correction.request')}
        </Button>
      )}
      <Button
        type="primary"
        icon={<SaveOutlined />}
        disabled={!sheetWritable(sheet) || book.pending.changes.length === 0 || book.pending.invalid > 0}
        loading={book.saving}
        onClick={onSave}
        data-testid="score-save"
      >
        {t('score_entries.save', { count: book.pending.changes.length })}
      </Button>
    </Flex>
  );
}
