import { useTranslate } from '@refinedev/core';
import { Alert, Flex, Segmented, Space, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { ClassTotals } from './ClassTotals.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { PERIODS, classTotals, type Period } from '../../shared/classSummary.ts';
import { useClassSummary } from './useClassSummary.ts';
import { PrimarySummaryTable } from './PrimarySummaryTable.tsx';
import { PrimaryTotals } from './PrimaryTotals.tsx';
import { PRIMARY_PERIODS, primaryTotals, type PrimarySummary } from './primarySummary.ts';

/**
 * Tổng hợp kết quả lớp: per student the subject results, learning and conduct levels, absences and, for
 * the year, re-test, summer training, promotion and award; class totals below. Computed in Postgres
 * (`rpc/class_summary`); a homeroom teacher starts on their own class. A primary class (the answer's
 * regime tt27) gets TT27's summary instead — subject levels, qualities, education result and programme
 * completion, at the end of semester I or of the year — and no TT22 column.
 */
export function StudentResultList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId, classes, cls, setClassId } = useHomeroomClass();
  const classId = cls?.id;
  const [period, setPeriod] = useState<Period>('1');
  const state = useClassSummary(classId, period);
  const summary = state.kind === 'loaded' ? state.summary : null;
  // The class's regime is the answer's: while another period loads, the class keeps the table it had (a
  // primary class never flashes TT22 columns); a class not answered yet shows a spinner.
  const [shown, setShown] = useState<{ classId: string; primary: PrimarySummary | null } | null>(null);
  useEffect(() => {
    if (classId && (state.kind === 'primary' || state.kind === 'loaded')) setShown({ classId, primary: state.kind === 'primary' ? state.summary : null });
  }, [state, classId]);
  const known = state.kind === 'loading' && shown?.classId === classId ? shown : null;
  const primary = state.kind === 'primary' ? state.summary : (known?.primary ?? null);
  // TT27 sums up at the end of semester I and of the year: semester II is shown as the year.
  useEffect(() => {
    if (primary && period === '2') setPeriod('year');
  }, [primary, period]);
  const periods: readonly Period[] = primary ? PRIMARY_PERIODS : PERIODS;
  const periodLabel = (p: Period) => (primary ? t(`student_results.tt27.periods.${p}`) : t(`student_results.periods.${p}`));

  return (
    <Flex vertical gap={token.margin} data-testid="student-results-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{primary ? t('student_results.tt27.title') : t('student_results.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={classId} onChange={setClassId} />
          <Space>
            <Typography.Text>{t('student_results.period')}</Typography.Text>
            <Segmented<Period>
              data-testid="period-select"
              value={period}
              onChange={setPeriod}
              options={periods.map((p) => ({ value: p, label: <span data-testid={`period-${p}`}>{periodLabel(p)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      {state.kind === 'idle' && <Alert type="info" showIcon message={t('student_results.pick_class')} />}
      {state.kind === 'failed' && (
        <Alert data-testid="student-results-error" type="error" showIcon message={t('student_results.load_error')} description={state.message} />
      )}
      {state.kind === 'unexpected' && <Alert type="error" showIcon message={t('student_results.unexpected')} description={state.detail} />}
      {primary && <Alert data-testid="student-results-tt27" type="info" showIcon message={t('student_results.tt27.notice', { className: primary.class.name })} />}
      {primary && <PrimarySummaryTable summary={primary} year={period !== '1'} loading={state.kind === 'loading'} />}
      {primary && state.kind === 'primary' && <PrimaryTotals totals={primaryTotals(primary)} year={period !== '1'} />}
      {state.kind === 'loading' && !known && <Spin data-testid="student-results-loading" />}
      {(summary || state.kind === 'failed' || (state.kind === 'loading' && known && !known.primary)) && <SummaryTable summary={summary} period={period} loading={state.kind === 'loading'} />}
      {summary && <ClassTotals totals={classTotals(summary.students)} period={period} />}
    </Flex>
  );
}
