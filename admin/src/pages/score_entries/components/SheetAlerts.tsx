import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, List } from 'antd';
import { Link } from 'react-router';
import { entryColumns } from '../../../shared/gradebookSheet.ts';
import { correctionGroups, correctionRequestPath, deadlineText, lockReason } from '../corrections.ts';
import { isPrimary, periodOf, primaryInvalidCells } from '../primaryModel.ts';
import { cellState } from '../sheetModel.ts';
import type { useGradebook } from '../useGradebook.ts';

/**
 * What the teacher must know about the sheet: it could not be read, it is frozen (locked, or the class's
 * results proposed / approved / published) or read-only, the caller's open correction unlock (which
 * cells, until when, the request), typed
 * cells are invalid (each with its Vietnamese message), or the save was refused — a conflict with the
 * server's message and the choice to reload (dropping or keeping what was typed), or the server's 400/
 * 403/423 message as it is.
 */
export function SheetAlerts({ book }: { book: ReturnType<typeof useGradebook> }) {
  const t = useTranslate();
  const { sheet, problem, loadError } = book;
  const invalid = !sheet
    ? []
    : isPrimary(sheet)
      ? primaryInvalidCells(sheet, book.edits).map(({ student: s, column: c, state }) => ({
          key: `${s.student_code}-${c.key}`,
          text: t('score_entries.invalid_cell', {
            name: s.full_name,
            column: `${t(`score_entries.primary.periods.${periodOf(c.kind, sheet.semester)}`)} – ${t(`score_entries.primary.fields.${c.field}`)}`,
            text: state.text,
            message: state.error,
          }),
        }))
      : sheet.students.flatMap((s) =>
        s.exempt
          ? []
          : entryColumns(sheet).flatMap((c) => {
              const state = cellState(sheet, s, c, book.edits);
              return state.error ? [{ key: `${s.student_code}-${c.key}`, text: t('score_entries.invalid_cell', { name: s.full_name, column: c.label, text: state.text, message: state.error }) }] : [];
            }),
      );

  return (
    <Flex vertical gap="small">
      {loadError && <Alert data-testid="score-load-error" type="error" showIcon message={t('score_entries.load_failed')} description={loadError} />}
      {sheet?.locked && (
        <Alert
          data-testid="score-locked"
          data-reason={lockReason(sheet.locked_reason)}
          type="info"
          showIcon
          icon={<LockOutlined />}
          message={t(`score_entries.lock_reasons.${lockReason(sheet.locked_reason)}`, { reason: sheet.locked_reason ?? '' })}
          description={sheet.can_edit && sheet.corrections.length === 0 && !isPrimary(sheet) ? t('score_entries.correction.how_to') : undefined}
        />
      )}
      {sheet?.locked && sheet.corrections.length > 0 && (
        <Alert
          data-testid="gradebook-correction-alert"
          type="warning"
          showIcon
          icon={<UnlockOutlined />}
          message={t('score_entries.correction.alert_title')}
          description={
            <List
              size="small"
              split={false}
              dataSource={correctionGroups(sheet)}
              rowKey="request_id"
              renderItem={(g) => (
                <List.Item>
                  <span>
                    {t('score_entries.correction.alert', { count: g.cells, until: deadlineText(g.ends_at) })}{' '}
                    {t('score_entries.correction.alert_progress', { applied: g.applied, count: g.cells })}{' '}
                    <Link to={correctionRequestPath(g.request_id)}>{t('score_entries.correction.view_request')}</Link>
                  </span>
                </List.Item>
              )}
            />
          }
        />
      )}
      {sheet && !sheet.locked && !sheet.can_edit && <Alert data-testid="score-read-only" type="info" showIcon message={t('score_entries.read_only')} />}
      {invalid.length > 0 && (
        <Alert
          data-testid="score-invalid"
          type="error"
          showIcon
          message={t('score_entries.invalid', { count: invalid.length })}
          description={<List size="small" dataSource={invalid} renderItem={(i) => <List.Item data-testid={`score-invalid-${i.key}`}>{i.text}</List.Item>} />}
        />
      )}
      {problem?.kind === 'conflict' && (
        <Alert
          data-testid="score-conflict"
          role="alert"
          type="warning"
          showIcon
          message={problem.message}
          description={t('score_entries.conflict_help')}
          action={
            <Flex vertical gap="small">
              <Button size="small" type="primary" onClick={() => void book.reload(true)} data-testid="score-reload-keep">
                {t('score_entries.reload_keep')}
              </Button>
              <Button size="small" danger onClick={() => void book.reload(false)} data-testid="score-reload-discard">
                {t('score_entries.reload_discard')}
              </Button>
            </Flex>
          }
        />
      )}
      {problem?.kind === 'error' && <Alert data-testid="score-save-error" role="alert" type="error" showIcon message={problem.message} />}
    </Flex>
  );
}
