import { useCan, useTranslate } from '@refinedev/core';
import { Alert, Flex, Segmented, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { HomeroomSheet } from '../../components/homeroomSheet/HomeroomSheet.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useClassSheetRights } from '../../components/useClassSheetRights.ts';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { useReadsClassResults } from '../../components/useReadsClassResults.ts';
import { ConductTable } from './ConductTable.tsx';
import { CONDUCT_PERIODS, conductSemester, sheetStudents, type ConductPeriod } from './conductSheet.ts';
import { useConductSheet } from './useConductSheet.ts';

/**
 * Đánh giá rèn luyện: the GVCN rates each student's conduct (Tốt / Khá / Đạt / Chưa đạt) with a comment
 * per semester, and re-rates after summer training the students whose year conduct is Chưa đạt. Others
 * who read the class see the sheet read-only. Saved in one all-or-nothing call (rpc/save_conduct_ratings);
 * a refusal's sentence is shown as it is and what was typed is kept.
 */
export function ConductRatingList() {
  const t = useTranslate();
  const { token } = theme.useToken();
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
  const shown = sheetStudents(sheet.data.students, period, sheet.rated);

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
      {cls && period === 'summer' && !sheet.loading && !sheet.loadError && (
        <Alert data-testid="conduct-summer-note" type="info" message={t(shown.filtered ? 'conduct_ratings.summer_filtered' : 'conduct_ratings.summer_all')} />
      )}
      <HomeroomSheet
        prefix="conduct"
        resource="conduct_ratings"
        messages="conduct_ratings"
        cls={cls}
        sheet={sheet}
        allowed={isHomeroom && rights.canEdit(semester)}
        editable={editable}
        onReload={rights.reload}
      >
        {() => (
          <ConductTable
            students={shown.students}
            rows={sheet.data.rows}
            drafts={sheet.drafts}
            invalid={new Set(sheet.invalid)}
            period={period}
            editable={editable && !sheet.saving}
            loading={sheet.loading}
            onChange={sheet.setDraft}
          />
        )}
      </HomeroomSheet>
    </Flex>
  );
}
