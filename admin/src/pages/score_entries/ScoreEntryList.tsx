import { useTranslate } from '@refinedev/core';
import { App, Empty, Flex, Grid, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import './scoreEntries.css';
import { useConfirmDiscard, useSaveShortcut, useStickyBar } from '../../components/sheetActions.ts';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { sheetWritable } from './corrections.ts';
import { CellHistory } from './components/CellHistory.tsx';
import { GradebookGrid, type CellRef } from './components/GradebookGrid.tsx';
import { GradebookImport, type ImportChanges } from './components/GradebookImport.tsx';
import { SheetAlerts } from './components/SheetAlerts.tsx';
import { SheetPickers } from '../../components/SheetPickers.tsx';
import { SheetToolbar } from './components/SheetToolbar.tsx';
import { isPrimary } from './primaryModel.ts';
import { useGradebook } from './useGradebook.ts';
import { useSheetOptions, useSheetSelection } from '../../components/useSheetSelection.ts';

/**
 * Sổ điểm: the gradebook of one class, subject and semester as a spreadsheet (keyboard, paste from
 * Excel, live ĐTBmhk), saved in one atomic call with the versions read; Excel export and import with a
 * preview. The selection lives in the URL (?class=…&subject=…&semester=1|2|retest). A frozen sheet
 * (locked, results proposed or published) changes only through corrections: the cells of the caller's
 * open unlock are editable, a request for the sheet starts here, and every cell's history is one click.
 * A primary subject's sheet (regime tt27) is the same grid with TT27's cells: level T/H/C, periodic test
 * and comment per period, exported and imported in Excel with its own columns (no correction form, no re-test).
 */
export function ScoreEntryList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  // A phone (below antd's sm): a compact header (smaller title, closer rows; scoreEntries.css).
  const phone = Grid.useBreakpoint().sm === false;
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const selection = useSheetSelection();
  const options = useSheetOptions(year?.id, selection.classId);
  const book = useGradebook(selection.request);
  const { sheet } = book;
  const [importing, setImporting] = useState(false);
  const [selectedCell, setSelectedCell] = useState<CellRef | null>(null);
  const [historyOf, setHistoryOf] = useState<CellRef | null>(null);
  const requestKey = selection.request ? `${selection.request.classId}|${selection.request.subjectId}|${selection.request.semester}` : '';
  useEffect(() => {
    setSelectedCell(null);
    setHistoryOf(null);
  }, [requestKey]);

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

  const save = async () => {
    const outcome = await book.save();
    if (outcome.ok) message.success(t(sheet && isPrimary(sheet) ? 'score_entries.primary.saved' : 'score_entries.saved', { count: outcome.saved }));
  };
  const confirmDiscard = useConfirmDiscard();
  const sticky = useStickyBar();
  // Ctrl+S saves what the Lưu button would (nothing while it is disabled or hidden).
  useSaveShortcut(() => void save(), !!sheet && sheetWritable(sheet) && !book.saving && book.pending.changes.length > 0 && book.pending.invalid === 0);
  const commitImport = async (changes: ImportChanges) => {
    const primary = !!sheet && isPrimary(sheet);
    const outcome = await book.saveChanges(changes, primary ? 'save_primary_entries' : 'save_score_entries');
    if (!outcome.ok) return outcome.problem?.message ?? t('score_entries.import.nothing');
    message.success(t(primary ? 'score_entries.primary.saved' : 'score_entries.saved', { count: outcome.saved }));
    return null;
  };

  return (
    <Flex vertical gap={phone ? token.marginXS : token.margin} className="score-entries-page" data-testid="score-entries-page">
      <Flex className="score-entries-header" justify="space-between" align="center" wrap gap={phone ? token.marginXS : token.margin}>
        <Typography.Title level={phone ? 4 : 3}>{t('score_entries.title')}</Typography.Title>
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
        <Flex ref={sticky.ref} style={sticky.style} className="score-entries-toolbar" data-testid="score-toolbar" justify="space-between" align="center" wrap gap={phone ? token.marginXS : token.margin}>
          <Typography.Text data-testid="score-sheet-title" strong>
            {t('score_entries.sheet_title', { subject: sheet.subject.name, className: sheet.class.name, semester: t(`score_entries.semesters.${sheet.semester ?? 'retest'}`) })}
          </Typography.Text>
          <SheetToolbar
            sheet={sheet}
            book={book}
            canShowHistory={!!selectedCell}
            onHistory={() => setHistoryOf(selectedCell)}
            onImport={() => setImporting(true)}
            onSave={() => void save()}
            onReload={() => confirmDiscard(book.dirty, () => void book.reload(false))}
          />
        </Flex>
      )}
      <SheetAlerts book={book} />
      {!selection.request && <Empty data-testid="score-pick" description={t('score_entries.pick_sheet')} />}
      {book.loading && !sheet && <Spin />}
      {sheet && isPrimary(sheet) && sheet.semester === null && <Empty data-testid="score-primary-no-retest" description={t('score_entries.primary.no_retest')} />}
      {sheet && !(isPrimary(sheet) && sheet.semester === null) && (
        <GradebookGrid
          sheet={sheet}
          edits={book.edits}
          onType={book.type}
          conflicts={book.problem?.kind === 'conflict' ? book.problem.cells : new Set()}
          onPasteSkipped={(count) => message.warning(t('score_entries.paste_skipped', { count }))}
          selected={selectedCell}
          onSelect={setSelectedCell}
          offsetHeader={sticky.offsetHeader}
        />
      )}
      {sheet && <CellHistory sheet={sheet} cell={historyOf} onClose={() => setHistoryOf(null)} />}
      {sheet && <GradebookImport open={importing} sheet={sheet} saving={book.saving} onClose={() => setImporting(false)} onCommit={commitImport} />}
    </Flex>
  );
}
