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
import { MeasuresCard } from './MeasuresCard.tsx';
import { QualityTable } from './QualityTable.tsx';
import { QUALITY_KINDS, periodKey, type QualityKind, type Semester } from './qualitySheet.ts';
import { useQualitySheet } from './useQualitySheet.ts';

/**
 * Phẩm chất, năng lực (TT27): the GVCN of a primary class rates each student's five qualities and ten
 * competencies Tốt / Đạt / Cần cố gắng, with a comment, at giữa kỳ and cuối kỳ of each semester (cuối kỳ
 * of semester II is the end of the year, where the year result and programme completion are shown).
 * Others who read the class see the sheet read-only. Saved in one action; the server's refusals are
 * shown as they are (a lock: PT423; not the GVCN: permission denied).
 */
/** Primary classes (tiểu học: lớp 1–5), the only ones TT27 rates; the database refuses others (23514). */
const isPrimary = (c: { grade: number }) => c.grade <= 5;

export function QualityRatingList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { years, year, setYearId, classes, cls, setClassId, isHomeroom } = useHomeroomClass(isPrimary);
  const [semester, setSemester] = useState<Semester>(1);
  const [kind, setKind] = useState<QualityKind>('gk');
  // The grid is editable exactly when the save button shows: the matrix cell on this class, the class
  // the caller's own (its homeroom_teacher_id, as the database holds it), and the database's answer for
  // this semester (rpc/class_sheet_rights: not locked, results not proposed or published).
  const canEdit = useCan({ resource: 'quality_ratings', action: 'edit', params: cls ? { row: { school_id: cls.school_id, class_id: cls.id } } : undefined }).data?.can ?? false;
  const rights = useClassSheetRights(cls?.id, [semester]);
  const editable = canEdit && isHomeroom && rights.canEdit(semester);
  const sheet = useQualitySheet(cls, semester, kind, useReadsClassResults(cls));

  const save = async () => {
    const outcome = await sheet.save();
    if (outcome?.ok) message.success(t('quality_ratings.saved', { count: outcome.saved }));
    else if (outcome?.kind === 'stale') message.warning(t('quality_ratings.stale'));
  };
  const confirmDiscard = useConfirmDiscard();
  const sticky = useStickyBar();
  // Ctrl+S saves what the Lưu button would (nothing while it is disabled or hidden).
  useSaveShortcut(() => void save(), !!cls && isHomeroom && rights.canEdit(semester) && canEdit && !sheet.saving && sheet.count > 0 && sheet.changes.invalid.length === 0);

  return (
    <Flex vertical gap={token.margin} data-testid="quality-page" data-sheet-class={cls?.id} data-sheet-semesters={String(semester)}>
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('quality_ratings.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={cls?.id} onChange={setClassId} testId="quality-class-select" />
          <Space>
            <Typography.Text>{t('quality_ratings.semester')}</Typography.Text>
            <Segmented<Semester>
              data-testid="quality-semester-select"
              value={semester}
              onChange={setSemester}
              options={([1, 2] as const).map((s) => ({ value: s, label: <span data-testid={`quality-semester-${s}`}>{t(`quality_ratings.semesters.${s}`)}</span> }))}
            />
          </Space>
          <Space>
            <Typography.Text>{t('quality_ratings.period')}</Typography.Text>
            <Segmented<QualityKind>
              data-testid="quality-period-select"
              value={kind}
              onChange={setKind}
              options={QUALITY_KINDS.map((k) => ({ value: k, label: <span data-testid={`quality-period-${k}`}>{t(`quality_ratings.periods.${periodKey(semester, k)}`)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      {!cls && classes.length > 0 && <Alert data-testid="quality-pick-class" type="info" showIcon message={t('quality_ratings.pick_class')} />}
      {year && classes.length === 0 && <Alert data-testid="quality-no-primary" type="info" showIcon message={t('quality_ratings.no_primary_class')} />}
      {sheet.loadError && <Alert data-testid="quality-load-error" type="error" showIcon message={t('quality_ratings.load_failed')} description={sheet.loadError} />}
      {cls && !editable && <Alert data-testid="quality-read-only" type="info" showIcon message={t('quality_ratings.read_only')} />}
      {sheet.saveError && (
        <Alert data-testid="quality-save-error" role="alert" type="error" showIcon message={t('quality_ratings.save_failed')} description={sheet.saveError} />
      )}
      {sheet.changes.invalid.length > 0 && (
        <Alert data-testid="quality-invalid" type="error" showIcon message={t('quality_ratings.invalid', { count: sheet.changes.invalid.length })} />
      )}
      {cls && (
        <Flex justify="space-between" align="center" wrap gap={token.marginXS} ref={sticky.ref} style={sticky.style} data-testid="quality-toolbar">
          <Typography.Text type="secondary">{t('quality_ratings.legend')}</Typography.Text>
          <Flex gap={token.marginXS}>
            <Button icon={<ReloadOutlined />} onClick={() => confirmDiscard(sheet.dirty, () => void Promise.all([sheet.reload(), rights.reload()]))} data-testid="quality-reload">
              {t('quality_ratings.reload')}
            </Button>
            <ActionButton
              resource="quality_ratings"
              action="edit"
              row={{ school_id: cls.school_id, class_id: cls.id }}
              allowed={isHomeroom && rights.canEdit(semester)}
              type="primary"
              icon={<SaveOutlined />}
              disabled={sheet.count === 0 || sheet.changes.invalid.length > 0}
              loading={sheet.saving}
              onClick={() => void save()}
              data-testid="quality-save"
            >
              {t('quality_ratings.save', { count: sheet.count })}
            </ActionButton>
          </Flex>
        </Flex>
      )}
      {cls && (
        <QualityTable
          students={sheet.students}
          rows={sheet.rows}
          drafts={sheet.drafts}
          invalid={new Set(sheet.changes.invalid)}
          results={sheet.yearEnd ? sheet.results : null}
          editable={editable && !sheet.saving}
          loading={sheet.loading}
          onLevel={sheet.setLevel}
          onComment={sheet.setComment}
          offsetHeader={sticky.offsetHeader}
        />
      )}
      {cls && sheet.yearEnd && <MeasuresCard cls={cls} students={sheet.students} editable={editable} />}
    </Flex>
  );
}
