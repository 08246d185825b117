import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useCan, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Segmented, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useConfirmDiscard, useSaveShortcut, useStickyBar } from '../../components/sheetActions.ts';
import { useClassSheetRights } from '../../components/useClassSheetRights.ts';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { useReadsClassResults } from '../../components/useReadsClassResults.ts';
import { ConductTable } from './ConductTable.tsx';
import { CONDUCT_PERIODS, conductSemester, sheetStudents, type ConductPeriod } from './conductSheet.ts';
import { useConductSheet } from './useConductSheet.ts';

/**
 * Đánh giá rèn luyện: the GVCN rates each student's conduct (Tốt / Khá / Đạt / Chưa đạt) with a comment
 * per semester, and re-rates after summer training the students whose year conduct is Chưa đạt. Others
 * who read the class see the sheet read-only. Saved in one action; the server's refusals are shown as
 * they are (a lock: PT423; not the GVCN: permission denied).
 */
export function ConductRatingList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { years, year, setYearId, classes, cls, setClassId, isHomeroom } = useHomeroomClass();
  const [period, setPeriod] = useState<ConductPeriod>('1');
  // The grid is editable exactly when the save button shows: the matrix cell on this class, the class
  // the caller's own (its homeroom_teacher_id, as the database holds it), and the database's answer for
  // this period (rpc/class_sheet_rights: not locked, results not proposed or published).
  const canEdit = useCan({ resource: 'conduct_ratings', action: 'edit', params: cls ? { row: { school_id: cls.school_id, class_id: cls.id } } : undefined }).data?.can ?? false;
  const semester = conductSemester(period);
  const rights = useClassSheetRights(cls?.id, [semester]);
  const editable = canEdit && isHomeroom && rights.canEdit(semester);
  const sheet = useConductSheet(cls, period, useReadsClassResults(cls));
  const shown = sheetStudents(sheet.students, period, sheet.rated);

  const save = async () => {
    const outcome = await sheet.save();
    if (outcome?.ok) message.success(t('conduct_ratings.saved', { count: outcome.saved }));
    else if (outcome?.kind === 'stale') message.warning(t('conduct_ratings.stale'));
  };
  const confirmDiscard = useConfirmDiscard();
  const sticky = useStickyBar();
  // Ctrl+S saves what the Lưu button would (nothing while it is disabled or hidden).
  useSaveShortcut(() => void save(), !!cls && isHomeroom && rights.canEdit(semester) && canEdit && !sheet.saving && sheet.count > 0 && sheet.changes.invalid.length === 0);

  return (
    <Flex vertical gap={token.margin} data-testid="conduct-ratings-page" data-sheet-class={cls?.id} data-sheet-semesters={String(semester ?? '')}>
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('conduct_ratings.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={cls?.id} onChange={setClassId} />
          <Space>
            <Typography.Text>{t('conduct_ratings.period')}</Typography.Text>
            <Segmented<ConductPeriod>
              data-testid="conduct-period-select"
              value={period}
              onChange={setPeriod}
              options={CONDUCT_PERIODS.map((p) => ({ value: p, label: <span data-testid={`conduct-period-${p}`}>{t(`conduct_ratings.periods.${p}`)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      {!cls && <Alert data-testid="conduct-pick-class" type="info" showIcon message={t('conduct_ratings.pick_class')} />}
      {sheet.loadError && <Alert data-testid="conduct-load-error" type="error" showIcon message={t('conduct_ratings.load_failed')} description={sheet.loadError} />}
      {cls && !editable && <Alert data-testid="conduct-read-only" type="info" showIcon message={t('conduct_ratings.read_only')} />}
      {sheet.saveError && (
        <Alert data-testid="conduct-save-error" role="alert" type="error" showIcon message={t('conduct_ratings.save_failed')} description={sheet.saveError} />
      )}
      {sheet.changes.invalid.length > 0 && (
        <Alert data-testid="conduct-invalid" type="error" showIcon message={t('conduct_ratings.invalid', { count: sheet.changes.invalid.length })} />
      )}
      {cls && period === 'summer' && !sheet.loading && !sheet.loadError && (
        <Alert data-testid="conduct-summer-note" type="info" message={t(shown.filtered ? 'conduct_ratings.summer_filtered' : 'conduct_ratings.summer_all')} />
      )}
      {cls && (
        <Flex justify="flex-end" gap={token.marginXS} ref={sticky.ref} style={sticky.style} data-testid="conduct-toolbar">
          <Button icon={<ReloadOutlined />} onClick={() => confirmDiscard(sheet.dirty, () => void Promise.all([sheet.reload(), rights.reload()]))} data-testid="conduct-reload">
            {t('conduct_ratings.reload')}
          </Button>
          <ActionButton
            resource="conduct_ratings"
            action="edit"
            row={{ school_id: cls.school_id, class_id: cls.id }}
            allowed={isHomeroom && rights.canEdit(semester)}
            type="primary"
            icon={<SaveOutlined />}
            disabled={sheet.count === 0 || sheet.changes.invalid.length > 0}
            loading={sheet.saving}
            onClick={() => void save()}
            data-testid="conduct-save"
          >
            {t('conduct_ratings.save', { count: sheet.count })}
          </ActionButton>
        </Flex>
      )}
      {cls && (
        <ConductTable
          students={shown.students}
          rows={sheet.rows}
          drafts={sheet.drafts}
          invalid={new Set(sheet.changes.invalid)}
          period={period}
          editable={editable && !sheet.saving}
          loading={sheet.loading}
          onChange={sheet.setDraft}
        />
      )}
    </Flex>
  );
}
