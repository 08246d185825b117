import { DownloadOutlined, ReloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { App, Button, Empty, Flex, Spin, Tooltip, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { GradebookGrid } from './components/GradebookGrid.tsx';
import { GradebookImport } from './components/GradebookImport.tsx';
import { SheetAlerts } from './components/SheetAlerts.tsx';
import { SheetPickers } from './components/SheetPickers.tsx';
import { downloadGradebook } from './downloadGradebook.ts';
import { useGradebook } from './useGradebook.ts';
import { useSheetOptions, useSheetSelection } from './useSheetSelection.ts';

/**
 * Sổ điểm: the gradebook of one class, subject and semester as a spreadsheet (keyboard, paste from
 * Excel, live ĐTBmhk), saved in one atomic call with the versions read; Excel export and import with a
 * preview. The selection lives in the URL (?class=…&subject=…&semester=1|2|retest).
 */
export function ScoreEntryList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const selection = useSheetSelection();
  const options = useSheetOptions(year?.id, selection.classId);
  const book = useGradebook(selection.request);
  const { sheet } = book;
  const [importing, setImporting] = useState(false);

  // A link to a sheet of another year shows that year in the picker (checked when a sheet arrives, not
  // when the user picks another year, which closes the sheet).
  const sheetYear = sheet?.class.school_year_id;
  const sheetYearListed = !!sheetYear && years.some((y) => y.id === sheetYear);
  useEffect(() => {
    if (sheetYear && sheetYearListed) setYearId(sheetYear);
  }, [sheetYear, sheetYearListed, setYearId]);
  const pickYear = (id: string) => {
    setYearId(id);
    if (id !== year?.id) selection.select({ class: undefined, subject: undefined });
  };

  const writable = !!sheet && sheet.can_edit && !sheet.locked;
  const save = async () => {
    const outcome = await book.save();
    if (outcome.ok) message.success(t('score_entries.saved', { count: outcome.saved }));
  };
  const commitImport = async (changes: Parameters<typeof book.saveChanges>[0]) => {
    const outcome = await book.saveChanges(changes);
    if (!outcome.ok) return outcome.problem?.message ?? t('score_entries.import.nothing');
    message.success(t('score_entries.saved', { count: outcome.saved }));
    return null;
  };

  return (
    <Flex vertical gap={token.margin} data-testid="score-entries-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('score_entries.title')}</Typography.Title>
        <SheetPickers
          years={years}
          yearId={year?.id}
          onYear={pickYear}
          classOptions={options.classOptions}
          subjectOptions={options.subjectOptions}
          classId={selection.classId}
          subjectId={selection.subjectId}
          semester={selection.semester}
          onSelect={selection.select}
        />
      </Flex>
      {sheet && (
        <Flex justify="space-between" align="center" wrap gap={token.margin}>
          <Typography.Text data-testid="score-sheet-title" strong>
            {t('score_entries.sheet_title', { subject: sheet.subject.name, className: sheet.class.name, semester: t(`score_entries.semesters.${sheet.semester ?? 'retest'}`) })}
          </Typography.Text>
          <Flex gap={token.marginXS} wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void book.reload(false)} data-testid="score-reload-sheet">
              {t('score_entries.reload')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadGradebook(sheet)} data-testid="score-export">
              {t('score_entries.export')}
            </Button>
            <Tooltip title={book.dirty ? t('score_entries.import.save_first') : undefined}>
              <Button icon={<UploadOutlined />} disabled={!writable || book.dirty} onClick={() => setImporting(true)} data-testid="score-import-open">
                {t('score_entries.import.open')}
              </Button>
            </Tooltip>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!writable || book.pending.changes.length === 0 || book.pending.invalid > 0}
              loading={book.saving}
              onClick={() => void save()}
              data-testid="score-save"
            >
              {t('score_entries.save', { count: book.pending.changes.length })}
            </Button>
          </Flex>
        </Flex>
      )}
      <SheetAlerts book={book} />
      {!selection.request && <Empty data-testid="score-pick" description={t('score_entries.pick_sheet')} />}
      {book.loading && !sheet && <Spin />}
      {sheet && (
        <GradebookGrid
          sheet={sheet}
          edits={book.edits}
          onType={book.type}
          conflicts={book.problem?.kind === 'conflict' ? book.problem.cells : new Set()}
          onPasteSkipped={(count) => message.warning(t('score_entries.paste_skipped', { count }))}
        />
      )}
      {sheet && <GradebookImport open={importing} sheet={sheet} saving={book.saving} onClose={() => setImporting(false)} onCommit={commitImport} />}
    </Flex>
  );
}
