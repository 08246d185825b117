import { useTranslate } from '@refinedev/core';
import { Grid, Table, Tag, Tooltip, Typography, theme, type InputRef, type TableColumnsType } from 'antd';
import { useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { formatNumber } from '../../../i18n/format.ts';
import { entryColumns, findEntry, type EntryColumn, type GradebookSheet, type SheetStudent } from '../../../shared/gradebookSheet.ts';
import { ratingText } from '../../../shared/tt22.ts';
import { cellMode, correctionFor, correctionHint, differsFromApproved, isEditable, type CellMode } from '../corrections.ts';
import { isPrimary, parsePrimary, periodOf, primaryCellMode, primaryCellState, primaryColumns, type PrimaryColumn } from '../primaryModel.ts';
import { cellKey, cellState, clipboardCells, move, normalisedPaste, pasteTargets, rowResult, tt22Paste, type Edits, type Position } from '../sheetModel.ts';
import { ScoreCell, type CellActions, type CellStyles } from './ScoreCell.tsx';

export interface TypedCell {
  studentId: string;
  columnKey: string;
  text: string;
}

/** A cell of the sheet by student and column key (tx1, gk, …): the one "Lịch sử ô" shows. */
export interface CellRef {
  studentId: string;
  columnKey: string;
}

interface Props {
  sheet: GradebookSheet;
  edits: Edits;
  onType: (cells: TypedCell[]) => void;
  /** Cells a 409 named (someone else saved them first). */
  conflicts: Set<string>;
  /** A paste had values for rows or cells that cannot be edited (exempt, locked) or beyond the grid. */
  onPasteSkipped: (count: number) => void;
  selected: CellRef | null;
  onSelect: (cell: CellRef) => void;
  /** The height of the sticky toolbar above the grid: the grid's header sticks just below it. */
  offsetHeader?: number;
}

/**
 * The sheet as a spreadsheet: one row per student (Vietnamese order, from the server), TX1…TXn, GK, CK
 * and the live ĐTBmhk (or Đ/CĐ). Test ids: `score-cell-<student code>-<tx1|gk|ck|retest>` (with
 * data-correction="true" on a cell of an open correction, data-corrected="true" on a value written by
 * one, whose mark is `…-corrected`), `score-average-<student code>`, `score-exempt-<student code>`.
 * A primary (TT27) sheet has, per period (giữa kỳ, cuối kỳ / cuối năm), the level T/H/C, the periodic
 * test where required and a comment: `score-cell-<student code>-<gk|ck>_<level|test|comment>`; no live
 * result (the year result is on its own page).
 */
export function GradebookGrid({ sheet, edits, onType, conflicts, onPasteSkipped, selected, onSelect, offsetHeader = 0 }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const primary = isPrimary(sheet);
  // A phone (below antd's sm, 576 px): no STT and student code columns, the name column frozen and
  // narrow (names wrap), so the score cells get the screen; the desktop grid is unchanged.
  const phone = Grid.useBreakpoint().sm === false;
  const entryCols = primary ? [] : entryColumns(sheet);
  const primaryCols = primary ? primaryColumns(sheet) : [];
  const header = (c: EntryColumn) => (c.kind === 'tx' ? t('score_entries.columns.tx', { n: c.seq }) : t(`score_entries.columns.${c.kind}`));
  const periodLabel = (c: PrimaryColumn) => t(`score_entries.primary.periods.${periodOf(c.kind, sheet.semester)}`);
  // The grid's columns whatever the regime: a key (test ids, edits), a header and the label of the cell.
  const columns: GridColumn[] = primary
    ? primaryCols.map((c) => ({ key: c.key, title: t(`score_entries.primary.fields.${c.field}`), label: `${periodLabel(c)} – ${t(`score_entries.primary.fields.${c.field}`)}`, group: periodLabel(c), wide: c.field === 'comment' }))
    : entryCols.map((c) => ({ key: c.key, title: header(c), label: header(c), group: null, wide: false }));
  const comment = sheet.subject.assessment_kind === 'comment';
  // Per cell: on a frozen sheet only the caller's open corrections take input.
  const modes: CellMode[][] = sheet.students.map((s) => (primary ? primaryCols.map(() => primaryCellMode(sheet)) : entryCols.map((c) => cellMode(sheet, s, c))));
  const cellEditable = modes.map((row) => row.map(isEditable));
  const editable = cellEditable.map((row, i) => !sheet.students[i]!.exempt && row.some(Boolean));
  const inputs = useRef(new Map<string, InputRef>());
  const styles = useMemo<CellStyles>(
    () => ({
      input: { width: token.controlHeight * 1.8, textAlign: 'center' } as CSSProperties,
      wide: { width: token.controlHeight * 7, textAlign: 'start' } as CSSProperties,
      changed: { background: token.colorWarningBg },
      correction: { borderColor: token.colorWarning, borderWidth: token.lineWidthBold },
      selected: { outline: `${token.lineWidthFocus}px solid ${token.colorPrimaryBorder}`, outlineOffset: token.lineWidth },
      mark: { color: token.colorWarningText, fontWeight: token.fontWeightStrong, marginInlineStart: token.marginXXS },
    }),
    [token],
  );

  // The cells' actions read the latest render through a ref, so the object (and every cell) stays put.
  // A pasted value is shown as a typed one is once read ("7.5" → "7,5"), by the reader of its column.
  const readerOf = (col: number) => {
    const column = primaryCols[col];
    return column ? (text: string) => parsePrimary(column.field, text) : tt22Paste(comment);
  };
  const latest = useRef({ sheet, columns, editable, cellEditable, onType, onPasteSkipped, onSelect, readerOf });
  latest.current = { sheet, columns, editable, cellEditable, onType, onPasteSkipped, onSelect, readerOf };
  const actions = useMemo<CellActions>(() => {
    const isCellEditable = (p: Position) => latest.current.cellEditable[p.row]?.[p.col] ?? false;
    const focus = (p: Position) => {
      const input = inputs.current.get(`${p.row}:${p.col}`);
      input?.focus();
      input?.select();
      return !!input;
    };
    return {
      register: (row, col, input) => (input ? inputs.current.set(`${row}:${col}`, input) : inputs.current.delete(`${row}:${col}`)),
      type: (studentId, columnKey, text) => latest.current.onType([{ studentId, columnKey, text }]),
      move: (row, col, m) => {
        const { editable: rows, columns: cols } = latest.current;
        const to = move({ row, col }, m, rows, cols.length, isCellEditable);
        return to ? focus(to) : false;
      },
      paste: (row, col, text, whole) => {
        const { sheet: current, columns: cols, editable: rows, readerOf: reader } = latest.current;
        const block = clipboardCells(text);
        if (block.length < 2 && (block[0]?.length ?? 0) < 2) {
          // One value: the input's own paste, unless it replaces the whole cell (then shown as read).
          if (!whole) return false;
          latest.current.onType([{ studentId: current.students[row]!.student_id, columnKey: cols[col]!.key, text: normalisedPaste(block[0]?.[0] ?? '', reader(col)) }]);
          return true;
        }
        const { cells, skipped } = pasteTargets(block, { row, col }, rows, cols.length, isCellEditable);
        latest.current.onType(
          cells.map((c) => ({ studentId: current.students[c.row]!.student_id, columnKey: cols[c.col]!.key, text: normalisedPaste(c.text, reader(c.col)) })),
        );
        if (skipped > 0) latest.current.onPasteSkipped(skipped);
        return true;
      },
      select: (row, col) => {
        const { sheet: current, columns: cols } = latest.current;
        const student = current.students[row];
        const column = cols[col];
        if (student && column) latest.current.onSelect({ studentId: student.student_id, columnKey: column.key });
      },
    };
  }, []);

  const rowIndex = new Map(sheet.students.map((s, i) => [s.student_id, i]));

  // What differs between the regimes inside a cell: its state, and (TT22) the correction it belongs to.
  const cellOf = (s: SheetStudent, row: number, col: number) => {
    const key = cellKey(s.student_id, columns[col]!.key);
    const mode = modes[row]![col]!;
    if (primary) return { state: primaryCellState(s, primaryCols[col]!, edits), mode, conflict: conflicts.has(key), hint: null, corrected: false };
    const c = entryCols[col]!;
    const correction = mode === 'correction' ? correctionFor(sheet, s.student_id, c) : undefined;
    const state = cellState(sheet, s, c, edits);
    const mismatch = !!correction && differsFromApproved(correction, state, comment);
    return {
      state,
      mode,
      conflict: conflicts.has(key) || mismatch,
      hint: mismatch ? t('score_entries.correction.mismatch', { value: correction.value ?? t('score_entries.correction.empty_value') }) : correction ? correctionHint(correction, t) : null,
      corrected: !!findEntry(s, c)?.correction_request_id,
    };
  };

  const leaves = columns.map((c, col) => ({
    key: c.key,
    title: c.title,
    align: c.wide ? ('start' as const) : ('center' as const),
    onCell: (s: SheetStudent) => (s.exempt ? { colSpan: col === 0 ? columns.length : 0 } : {}),
    render: (_: unknown, s: SheetStudent): ReactNode => {
      if (s.exempt) return <Tag data-testid={`score-exempt-${s.student_code}`}>{t('score_entries.exempt')}</Tag>;
      const row = rowIndex.get(s.student_id)!;
      return (
        <ScoreCell
          {...cellOf(s, row, col)}
          wide={c.wide}
          testId={`score-cell-${s.student_code}-${c.key}`}
          label={`${s.full_name} – ${c.label}`}
          selected={selected?.studentId === s.student_id && selected.columnKey === c.key}
          styles={styles}
          row={row}
          col={col}
          studentId={s.student_id}
          columnKey={c.key}
          actions={actions}
        />
      );
    },
  }));
  // TT27: the columns of a period under its name (Giữa kỳ: Mức đạt được, KTĐK, Nhận xét).
  const grouped: TableColumnsType<SheetStudent> = primary
    ? [...new Set(columns.map((c) => c.group))].map((group) => ({ key: group ?? '', title: group, children: leaves.filter((_, i) => columns[i]!.group === group) }))
    : leaves;

  const tableColumns: TableColumnsType<SheetStudent> = [
    { key: 'no', title: t('score_entries.columns.no'), width: 48, align: 'right', responsive: ['sm'], render: (_, __, i) => i + 1 },
    { key: 'code', dataIndex: 'student_code', title: t('score_entries.columns.student_code'), width: 120, responsive: ['sm'] },
    { key: 'name', dataIndex: 'full_name', title: t('score_entries.columns.full_name'), width: phone ? token.controlHeight * 3.5 : 220, fixed: phone ? 'left' : undefined },
    ...grouped,
  ];
  if (sheet.semester !== null && !primary) {
    tableColumns.push({
      key: 'result',
      title: t(comment ? 'score_entries.columns.rating' : 'score_entries.columns.average'),
      align: 'center',
      width: 96,
      render: (_, s) => {
        if (s.exempt) return null;
        const { value, live } = rowResult(sheet, s, edits);
        const text = typeof value === 'boolean' ? ratingText(value) : formatNumber(value, { fractionDigits: 1 });
        return (
          <Tooltip title={live ? t('score_entries.live_average') : undefined}>
            <Typography.Text data-testid={`score-average-${s.student_code}`} data-live={live} strong italic={live}>
              {text}
            </Typography.Text>
          </Tooltip>
        );
      },
    });
  }

  return (
    <Table<SheetStudent>
      data-testid="score-grid"
      data-regime={sheet.regime}
      dataSource={sheet.students}
      columns={tableColumns}
      rowKey="student_id"
      size="small"
      bordered
      pagination={false}
      sticky={{ offsetHeader }}
      scroll={{ x: 'max-content' }}
      onRow={(s) => (s.exempt ? { 'aria-disabled': true, style: { color: token.colorTextDisabled, background: token.colorFillQuaternary } } : {})}
    />
  );
}

/** A column of the grid whatever the regime. */
interface GridColumn {
  key: string;
  title: string;
  /** The cell's accessible name after the student's: "TX1", "Giữa kỳ – Nhận xét". */
  label: string;
  /** TT27: the period the column belongs to (its header group). */
  group: string | null;
  wide: boolean;
}
