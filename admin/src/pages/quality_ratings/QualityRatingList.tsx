import { useCan, useTranslate } from '@refinedev/core';
import { Alert, Flex, Segmented, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { HomeroomSheet } from '../../components/homeroomSheet/HomeroomSheet.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
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
 * Others who read the class see the sheet read-only. Saved in one all-or-nothing call
 * (rpc/save_quality_ratings); a refusal's sentence is shown as it is and what was picked is kept.
 */
/** Primary classes (tiểu học: lớp 1–5), the only ones TT27 rates; the database refuses others (23514). */
const isPrimary = (c: { grade: number }) => c.grade <= 5;

export function QualityRatingList() {
  const t = useTranslate();
  const { token } = theme.useToken();
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
      <HomeroomSheet
        prefix="quality"
        resource="quality_ratings"
        messages="quality_ratings"
        cls={cls}
        sheet={sheet}
        allowed={isHomeroom && rights.canEdit(semester)}
        editable={editable}
        onReload={rights.reload}
        legend={t('quality_ratings.legend')}
      >
        {(offsetHeader) => (
          <QualityTable
            students={sheet.data.students}
            rows={sheet.data.rows}
            drafts={sheet.drafts}
            invalid={new Set(sheet.invalid)}
            results={sheet.yearEnd ? sheet.data.results : null}
            editable={editable && !sheet.saving}
            loading={sheet.loading}
            onLevel={sheet.setLevel}
            onComment={sheet.setComment}
            offsetHeader={offsetHeader}
          />
        )}
      </HomeroomSheet>
      {cls && sheet.yearEnd && <MeasuresCard cls={cls} students={sheet.data.students} editable={editable} />}
    </Flex>
  );
}
