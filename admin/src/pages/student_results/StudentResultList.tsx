import { useTranslate } from '@refinedev/core';
import { Alert, Flex, Segmented, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { ClassTotals } from './ClassTotals.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { PERIODS, classTotals, type Period } from '../../shared/classSummary.ts';
import { useClassSummary } from './useClassSummary.ts';

/**
 * Tổng hợp kết quả lớp: per student the subject results, learning and conduct levels, absences and, for
 * the year, re-test, summer training, promotion and award; class totals below. Computed in Postgres
 * (`rpc/class_summary`); a homeroom teacher starts on their own class.
 */
export function StudentResultList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId, classes, cls, setClassId } = useHomeroomClass();
  const classId = cls?.id;
  const [period, setPeriod] = useState<Period>('1');
  const state = useClassSummary(classId, period);
  const summary = state.kind === 'loaded' ? state.summary : null;

  return (
    <Flex vertical gap={token.margin} data-testid="student-results-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('student_results.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={classId} onChange={setClassId} />
          <Space>
            <Typography.Text>{t('student_results.period')}</Typography.Text>
            <Segmented<Period>
              data-testid="period-select"
              value={period}
              onChange={setPeriod}
              options={PERIODS.map((p) => ({ value: p, label: <span data-testid={`period-${p}`}>{t(`student_results.periods.${p}`)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      {state.kind === 'idle' && <Alert type="info" showIcon message={t('student_results.pick_class')} />}
      {state.kind === 'failed' && (
        <Alert data-testid="student-results-error" type="error" showIcon message={t('student_results.load_error')} description={state.message} />
      )}
      {state.kind === 'unexpected' && <Alert type="error" showIcon message={t('student_results.unexpected')} description={state.detail} />}
      {state.kind !== 'idle' && <SummaryTable summary={summary} period={period} loading={state.kind === 'loading'} />}
      {summary && <ClassTotals totals={classTotals(summary.students)} period={period} />}
    </Flex>
  );
}
