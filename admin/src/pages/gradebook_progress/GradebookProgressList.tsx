import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Card, Col, Empty, Flex, Row, Segmented, Space, Statistic, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear, type SchoolYear } from '../../components/useSchoolYear.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { Identity } from '../../providers/userContext.ts';
import { InspectionFormModal, type InspectionPrefill } from '../../components/InspectionFormModal.tsx';
import { kindsFor } from '../../shared/inspections.ts';
import { BarChart } from './BarChart.tsx';
import { ProgressTables } from './ProgressTables.tsx';
import { byClass, byTeacher, overdueByTeacher, overdueList, semesterOn, summarize, worstSheet, type ProgressRow, type Semester, type TeacherGroup } from './progress.ts';
import { useAppToday } from '../../components/useAppToday.ts';
import { useGradebookProgress } from './useGradebookProgress.ts';

type YearWithSemesters = SchoolYear & { semester2_starts_on?: string };

/**
 * Tiến độ nhập điểm: BGH's dashboard of the school and a Tổ trưởng's monthly view of the department
 * (the same page: rpc/gradebook_progress returns the caller's scope). Summary, completion by class,
 * overdue by teacher, and the sheets by teacher and by class × subject; BGH and Tổ trưởng record a
 * check from a teacher's row. `data-ready` marks when the rpc's rows are on screen.
 */
export function GradebookProgressList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId } = useSchoolYear();
  const today = useAppToday();
  const [chosen, setSemester] = useState<Semester | null>(null);
  const semester = chosen ?? (year && today ? semesterOn(year as YearWithSemesters, today) : null);
  const state = useGradebookProgress(year?.id, semester);
  const rows = useMemo<ProgressRow[]>(() => (state.kind === 'loaded' ? state.rows : []), [state]);
  const summary = useMemo(() => summarize(rows), [rows]);
  const classes = useMemo(() => byClass(rows), [rows]);
  const groups = useMemo(() => byTeacher(rows), [rows]);
  const overdue = useMemo(() => overdueByTeacher(groups).slice(0, 30), [groups]);
  const kinds = kindsFor(identity?.memberships ?? [], year?.code, year?.school_id);
  const [prefill, setPrefill] = useState<InspectionPrefill | null>(null);
  const loaded = state.kind === 'loaded';

  const check = (g: TeacherGroup, sheet: ProgressRow | null) => {
    const target = sheet ?? worstSheet(g);
    const late = sheet ? [sheet] : g.sheets;
    setPrefill({
      teacherId: g.teacherId ?? undefined,
      teacherName: g.teacherName,
      classId: target?.class_id ?? null,
      subjectId: target?.subject_id ?? null,
      semester: semester ?? undefined,
      kind: 'ad_hoc',
      findings: late.some((s) => s.overdue > 0)
        ? t('gradebook_progress.findings_draft', { overdue: formatNumber(late.reduce((n, s) => n + s.overdue, 0)), sheets: overdueList(late) })
        : undefined,
    });
  };

  const card = (key: string, title: string, value: string, detail: string, danger = false) => (
    <Col xs={24} sm={12} lg={6}>
      <Card size="small">
        <Statistic title={title} value={value} formatter={() => value} valueStyle={danger ? { color: token.colorError } : undefined} data-testid={`progress-summary-${key}`} />
        <Typography.Text type="secondary">{detail}</Typography.Text>
      </Card>
    </Col>
  );

  return (
    <Flex vertical gap={token.margin} data-testid="progress-page" data-ready={loaded ? 'true' : 'false'}>
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('gradebook_progress.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <Space>
            <Typography.Text>{t('gradebook_progress.semester')}</Typography.Text>
            <Segmented<Semester>
              data-testid="progress-semester"
              value={semester ?? undefined}
              onChange={setSemester}
              options={([1, 2] as const).map((s) => ({ value: s, label: <span data-testid={`progress-semester-${s}`}>{t(`gradebook_progress.semesters.${s}`)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      <Alert type="info" showIcon message={t('gradebook_progress.intro')} />
      {state.kind === 'failed' && <Alert type="error" showIcon data-testid="progress-error" message={t('gradebook_progress.load_error')} description={state.message} />}
      <Row gutter={[token.margin, token.margin]} data-testid="progress-summary">
        {card('share', t('gradebook_progress.summary.share'), `${formatNumber(summary.share)} %`, t('gradebook_progress.summary.share_detail', { done: formatNumber(summary.done), required: formatNumber(summary.required) }))}
        {card('due', t('gradebook_progress.summary.due'), formatNumber(summary.due), t('gradebook_progress.summary.due_detail', { done: formatNumber(summary.due - summary.overdue) }))}
        {card('overdue', t('gradebook_progress.summary.overdue'), formatNumber(summary.overdue), t('gradebook_progress.summary.overdue_detail', { sheets: formatNumber(summary.sheetsOverdue) }), summary.overdue > 0)}
        {card('sheets', t('gradebook_progress.summary.sheets'), formatNumber(summary.sheetsOverdue), t('gradebook_progress.summary.sheets_detail', { total: formatNumber(summary.sheets) }), summary.sheetsOverdue > 0)}
      </Row>
      <Row gutter={[token.margin, token.margin]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('gradebook_progress.charts.by_class')} loading={!loaded && state.kind !== 'failed'}>
            <BarChart
              testId="progress-class-chart"
              label={t('gradebook_progress.charts.by_class')}
              max={100}
              bars={classes.map((c) => ({
                key: c.classId,
                label: c.name,
                value: c.share,
                text: `${formatNumber(c.share)} %`,
                color: c.overdue > 0 ? token.colorError : c.share >= 100 ? token.colorSuccess : token.colorPrimary,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('gradebook_progress.charts.by_teacher')} loading={!loaded && state.kind !== 'failed'}>
            <BarChart
              testId="progress-teacher-chart"
              label={t('gradebook_progress.charts.by_teacher')}
              max={overdue[0]?.overdue ?? 0}
              bars={overdue.map((g) => ({ key: g.key, label: g.teacherName ?? '', value: g.overdue, text: formatNumber(g.overdue), color: token.colorError }))}
            />
            {loaded && overdue.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gradebook_progress.charts.none_overdue')} />}
          </Card>
        </Col>
      </Row>
      <ProgressTables rows={rows} groups={groups} loading={!loaded && state.kind !== 'failed'} canCheck={kinds.length > 0} schoolId={year?.school_id} onCheck={check} />
      {year && prefill && (
        <InspectionFormModal year={year} open prefill={prefill} onClose={() => setPrefill(null)} onSaved={() => setPrefill(null)} />
      )}
    </Flex>
  );
}
