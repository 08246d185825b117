import { LockOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Input, Tooltip, Typography, type InputRef } from 'antd';
import { memo, useCallback, type ClipboardEvent, type CSSProperties, type KeyboardEvent } from 'react';
import { valueText } from '../../../shared/gradebookSheet.ts';
import type { CellState, Move } from '../sheetModel.ts';

export type CellMode = 'edit' | 'locked' | 'read_only';

/**
 * What a cell asks of its grid, by position: one object for the whole grid that stays the same between
 * renders (it reads the grid's latest state), so a cell re-renders only when its own props change.
 */
export interface CellActions {
  register: (row: number, col: number, input: InputRef | null) => void;
  type: (studentId: string, columnKey: string, text: string) => void;
  move: (row: number, col: number, move: Move) => boolean;
  paste: (row: number, col: number, text: string) => boolean;
}

interface Props {
  state: CellState;
  mode: CellMode;
  testId: string;
  label: string;
  conflict: boolean;
  styles: { input: CSSProperties; changed: CSSProperties };
  row: number;
  col: number;
  studentId: string;
  columnKey: string;
  actions: CellActions;
}

/**
 * One score or rating. Spreadsheet keys: arrows move (left/right once the caret is at the edge of the
 * text), Enter / Shift+Enter down / up, Tab / Shift+Tab across rows, Escape restores the loaded value.
 * A locked cell is read-only text with a lock and a tooltip saying why.
 */
function ScoreCellView({ state, mode, testId, label, conflict, styles, row, col, studentId, columnKey, actions }: Props) {
  const t = useTranslate();
  const register = useCallback((input: InputRef | null) => actions.register(row, col, input), [actions, row, col]);
  const onType = (text: string) => actions.type(studentId, columnKey, text);
  const onMove = (m: Move) => actions.move(row, col, m);
  const onPaste = (text: string) => actions.paste(row, col, text);
  if (mode !== 'edit') {
    return (
      <Tooltip title={t(mode === 'locked' ? 'score_entries.locked_cell' : 'score_entries.read_only_cell')}>
        <Typography.Text data-testid={testId} aria-label={label} aria-readonly="true" data-locked={mode === 'locked'} type="secondary">
          {mode === 'locked' && <LockOutlined aria-hidden />} {state.text}
        </Typography.Text>
      </Tooltip>
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
      onType(valueText(state.original));
      moved = true;
    }
    if (moved) e.preventDefault();
  };

  const paste = (e: ClipboardEvent<HTMLInputElement>) => {
    if (onPaste(e.clipboardData.getData('text/plain'))) e.preventDefault();
  };

  const input = (
    <Input
      ref={register}
      size="small"
      data-testid={testId}
      aria-label={label}
      aria-invalid={!!state.error}
      data-changed={state.changed}
      status={state.error ? 'error' : conflict ? 'warning' : undefined}
      style={state.changed ? { ...styles.input, ...styles.changed } : styles.input}
      value={state.text}
      onChange={(e) => onType(e.target.value)}
      onKeyDown={keyDown}
      onPaste={paste}
      onFocus={(e) => e.currentTarget.select()}
      onBlur={() => state.changed && !state.error && state.text !== valueText(state.value) && onType(valueText(state.value))}
    />
  );
  // Always inside the tooltip: a tree that changed shape while typing would remount the input and lose focus.
  return <Tooltip title={state.error ?? (conflict ? t('score_entries.conflict_cell') : undefined)}>{input}</Tooltip>;
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
    a.mode === b.mode &&
    a.testId === b.testId &&
    a.label === b.label &&
    a.conflict === b.conflict &&
    a.styles === b.styles &&
    a.row === b.row &&
    a.col === b.col &&
    a.studentId === b.studentId &&
    a.columnKey === b.columnKey &&
    a.actions === b.actions,
);
