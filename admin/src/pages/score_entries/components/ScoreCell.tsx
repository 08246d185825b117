import { LockOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Input, Tooltip, Typography, type InputRef } from 'antd';
import { memo, useCallback, type ClipboardEvent, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { valueText, type CellValue } from '../../../shared/gradebookSheet.ts';
import type { CellMode } from '../corrections.ts';
import type { PrimaryCellState } from '../primaryModel.ts';
import type { CellState, Move } from '../sheetModel.ts';

export type { CellMode };
export interface CellStyles {
  input: CSSProperties;
  /** A comment cell (TT27): wider, left-aligned. */
  wide: CSSProperties;
  changed: CSSProperties;
  /** An input of an open correction (warning-coloured border). */
  correction: CSSProperties;
  /** The cell whose history "Lịch sử ô" shows. */
  selected: CSSProperties;
  /** The mark of a value written by a correction. */
  mark: CSSProperties;
}

/**
 * What a cell asks of its grid, by position: one object for the whole grid that stays the same between
 * renders (it reads the grid's latest state), so a cell re-renders only when its own props change.
 */
export interface CellActions {
  register: (row: number, col: number, input: InputRef | null) => void;
  type: (studentId: string, columnKey: string, text: string) => void;
  move: (row: number, col: number, move: Move) => boolean;
  /** `whole`: the input's whole text is selected (or empty), so the paste replaces it. */
  paste: (row: number, col: number, text: string, whole: boolean) => boolean;
  /** The cell was focused or clicked: it is the one "Lịch sử ô" shows. */
  select: (row: number, col: number) => void;
}

/** A score or rating (TT22), or a TT27 level, test score or comment whose values are already text. */
const shown = (value: CellValue | string) => (typeof value === 'string' ? value : valueText(value));

interface Props {
  state: CellState | PrimaryCellState;
  /** A comment cell: wider. */
  wide?: boolean;
  mode: CellMode;
  testId: string;
  label: string;
  /** Someone saved the cell first (409), or a correction cell holds another value than the approved one. */
  conflict: boolean;
  /** Tooltip of a correction cell: the approved value and the deadline. */
  hint: string | null;
  /** The value was written by a correction (Đề nghị sửa điểm). */
  corrected: boolean;
  selected: boolean;
  styles: CellStyles;
  row: number;
  col: number;
  studentId: string;
  columnKey: string;
  actions: CellActions;
}

/**
 * One score or rating. Spreadsheet keys: arrows move (left/right once the caret is at the edge of the
 * text), Enter / Shift+Enter down / up, Tab / Shift+Tab across rows, Escape restores the loaded value.
 * A locked cell is read-only text with a lock and a tooltip saying why; on a frozen sheet the cells of
 * the caller's open correction are inputs with a warning border and the approved value in the tooltip.
 * A value written by a correction carries a small mark. Focusing or clicking a cell selects it.
 */
function ScoreCellView({ state, wide, mode, testId, label, conflict, hint, corrected, selected, styles, row, col, studentId, columnKey, actions }: Props) {
  const t = useTranslate();
  const register = useCallback((input: InputRef | null) => actions.register(row, col, input), [actions, row, col]);
  const onType = (text: string) => actions.type(studentId, columnKey, text);
  const onMove = (m: Move) => actions.move(row, col, m);
  const onPaste = (text: string, whole: boolean) => actions.paste(row, col, text, whole);
  const onSelect = () => actions.select(row, col);
  const withMark = (cell: ReactNode) =>
    corrected ? (
      <span>
        {cell}
        <Tooltip title={t('score_entries.correction.corrected_mark')}>
          <sup data-testid={`${testId}-corrected`} aria-label={t('score_entries.correction.corrected_mark')} style={styles.mark}>
            *
          </sup>
        </Tooltip>
      </span>
    ) : (
      cell
    );
  if (mode === 'locked' || mode === 'read_only') {
    return withMark(
      <Tooltip title={t(mode === 'locked' ? 'score_entries.locked_cell' : 'score_entries.read_only_cell')}>
        <Typography.Text
          data-testid={testId}
          aria-label={label}
          aria-readonly="true"
          aria-selected={selected}
          data-locked={mode === 'locked'}
          data-corrected={corrected || undefined}
          type="secondary"
          tabIndex={0}
          onFocus={onSelect}
          onClick={onSelect}
          style={selected ? styles.selected : undefined}
        >
          {mode === 'locked' && <LockOutlined aria-hidden />} {state.text}
        </Typography.Text>
      </Tooltip>,
    );
  }

  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && (input.selectionEnd === 0 || input.selectionEnd === input.value.length);
    const atEnd = input.selectionEnd === input.value.length;
    let moved = false;
    if (e.key === 'ArrowUp') moved = onMove('up');
    else if (e.key === 'ArrowDown') moved = onMove('down');
    else if (e.key === 'ArrowLeft' && atStart) moved = onMove('left');
    else if (e.key === 'ArrowRight' && atEnd) moved = onMove('right');
    else if (e.key === 'Enter') moved = onMove(e.shiftKey ? 'up' : 'down') || true;
    else if (e.key === 'Tab') moved = onMove(e.shiftKey ? 'previous' : 'next');
    else if (e.key === 'Escape') {
      onType(shown(state.original));
      moved = true;
    }
    if (moved) e.preventDefault();
  };

  // A tap on the cell Enter or Tab has just moved to (its whole value selected, ready to be typed over)
  // keeps it selected: typing replaces the value, as in a spreadsheet. Without this the tap put the caret
  // where it landed and "7,3" typed into "9,1" became "9,7,31" (found by the phone test on a filled
  // column). A second tap places the caret to edit inside the value.
  const keepWholeSelected = (e: MouseEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (document.activeElement === input && input.value !== '' && input.selectionStart === 0 && input.selectionEnd === input.value.length) e.preventDefault();
  };

  const paste = (e: ClipboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const whole = input.value === '' || (input.selectionStart === 0 && input.selectionEnd === input.value.length);
    if (onPaste(e.clipboardData.getData('text/plain'), whole)) e.preventDefault();
  };

  const input = (
    <Input
      ref={register}
      size="small"
      data-testid={testId}
      aria-label={label}
      aria-invalid={!!state.error}
      data-changed={state.changed}
      data-correction={mode === 'correction' || undefined}
      data-corrected={corrected || undefined}
      status={state.error ? 'error' : conflict ? 'warning' : undefined}
      style={{ ...styles.input, ...(wide ? styles.wide : {}), ...(mode === 'correction' ? styles.correction : {}), ...(state.changed ? styles.changed : {}), ...(selected ? styles.selected : {}) }}
      value={state.text}
      onChange={(e) => onType(e.target.value)}
      onKeyDown={keyDown}
      onPaste={paste}
      onFocus={(e) => (e.currentTarget.select(), onSelect())}
      onMouseDown={keepWholeSelected}
      onBlur={() => state.changed && !state.error && state.text !== shown(state.value) && onType(shown(state.value))}
    />
  );
  // Always inside the tooltip: a tree that changed shape while typing would remount the input and lose focus.
  // A correction cell's hint (approved value, or that the typed one differs) comes before the conflict text.
  return withMark(<Tooltip title={state.error ?? hint ?? (conflict ? t('score_entries.conflict_cell') : undefined)}>{input}</Tooltip>);
}

/**
 * Re-rendering every cell of a 40-row sheet on each keystroke made typing a column take seconds per
 * cell: a cell re-renders only when what it shows (its state's fields) or where it is changes.
 */
export const ScoreCell = memo(
  ScoreCellView,
  (a, b) =>
    a.state.text === b.state.text &&
    a.state.original === b.state.original &&
    a.state.value === b.state.value &&
    a.state.changed === b.state.changed &&
    a.state.error === b.state.error &&
    a.wide === b.wide &&
    a.mode === b.mode &&
    a.testId === b.testId &&
    a.label === b.label &&
    a.conflict === b.conflict &&
    a.hint === b.hint &&
    a.corrected === b.corrected &&
    a.selected === b.selected &&
    a.styles === b.styles &&
    a.row === b.row &&
    a.col === b.col &&
    a.studentId === b.studentId &&
    a.columnKey === b.columnKey &&
    a.actions === b.actions,
);
