import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, Flex, Progress, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

/** A count as rpc office_overview answers it: a number, or "< 5" for 1–4. */
type Count = number | '< 5' | null;
interface Unit { id: string; name: string; kind: 'province' | 'district' | 'school' }
interface OfficeRow extends Unit { schools: number; classes: Count; students: Count; staff: Count }
interface GradeResults { grade: number; classes: Count; students: Count; levels: Record<string, Count>; conduct: Record<string, Count> | null }
interface School {
  id: string;
  name: string;
  school_level: 'primary' | 'lower_secondary' | 'upper_secondary';
  school_year: { id: string; code: string } | null;
  counts?: { classes: Count; students: Count; staff: Count };
  progress?: { semester: number; sheets: Count; sheets_overdue: Count; required: Count; done: Count; due: Count; overdue: Count; share_done: number | null; share_due_done: number | null };
  results?: { school_year_code: string; semester: number | null; regime: 'tt22' | 'tt27'; grades: GradeResults[] } | null;
  dossiers?: Record<'due' | 'approved' | 'submitted' | 'returned' | 'missing' | 'late', Count> & { share_done: number | null };
  health?: Record<string, Count>;
}
interface Overview { unit: Unit; path: Unit[]; today: string; schools: School[]; offices: OfficeRow[] }

const TT22 = ['tot', 'kha', 'dat', 'chua_dat'];
const TT27 = ['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh'];
const HEALTH = ['enrolled', 'examined', 'thin', 'stunted', 'overweight', 'obese', 'findings', 'clinic_visits', 'informed'];
const DOSSIERS = ['due', 'approved', 'submitted', 'returned', 'missing', 'late'] as const;

/** "< 5" stays as it is; numbers in the Vietnamese format. */
const show = (n: Count | undefined) => (n === null || n === undefined ? '—' : typeof n === 'number' ? formatNumber(n) : n);
const percent = (n: number | null | undefined) => <Progress percent={Number(n ?? 0)} size="small" format={(p) => `${formatNumber(p ?? 0)}%`} />;

function useOverview(unitId: string | null) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['office_overview', unitId],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('office_overview', unitId ? { p_org_unit_id: unitId } : {});
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Overview;
    },
  });
}

function SchoolDetail({ school }: { school: School }) {
  const t = useTranslate();
  if (!school.school_year) return <Empty description={t('office_overview.no_year')} />;
  const p = school.progress;
  const r = school.results;
  const cats = r?.regime === 'tt27' ? TT27 : TT22;
  return (
    <Flex vertical gap={12} data-testid="office-school-detail">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }} data-testid="office-school-counts" items={[
        { key: 'year', label: t('office_overview.year'), children: school.school_year.code },
        { key: 'classes', label: t('office_overview.classes'), children: show(school.counts?.classes) },
        { key: 'students', label: t('office_overview.students'), children: show(school.counts?.students) },
        { key: 'staff', label: t('office_overview.staff'), children: show(school.counts?.staff) },
      ]} />
      <Card size="small" title={t('office_overview.progress.title', { semester: t(`office_overview.semesters.${p?.semester ?? 1}`) })} data-testid="office-school-progress">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={[
          { key: 'share', label: t('office_overview.progress.share'), children: <span data-testid="office-progress-share">{percent(p?.share_done)}</span> },
          { key: 'share_due', label: t('office_overview.progress.share_due'), children: percent(p?.share_due_done) },
          { key: 'sheets', label: t('office_overview.progress.sheets'), children: show(p?.sheets) },
          { key: 'required', label: t('office_overview.progress.required'), children: show(p?.required) },
          { key: 'done', label: t('office_overview.progress.done'), children: show(p?.done) },
          { key: 'due', label: t('office_overview.progress.due'), children: show(p?.due) },
          { key: 'overdue', label: t('office_overview.progress.overdue'), children: <span data-testid="office-progress-overdue">{show(p?.overdue)}</span> },
          { key: 'sheets_overdue', label: t('office_overview.progress.sheets_overdue'), children: show(p?.sheets_overdue) },
        ]} />
      </Card>
      <Card size="small" data-testid="office-school-results"
        title={r ? `${t('office_overview.results.title')}: ${t('office_overview.results.period', { year: r.school_year_code, period: r.semester ? t(`office_overview.semesters.${r.semester}`) : t('office_overview.results.year_period') })}` : t('office_overview.results.title')}>
        {r ? (
          <Table<GradeResults> size="small" rowKey="grade" pagination={false} dataSource={r.grades} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('office_overview.results.grade'), dataIndex: 'grade' },
              { title: t('office_overview.results.classes'), dataIndex: 'classes', align: 'right', render: show },
              { title: t('office_overview.results.students'), dataIndex: 'students', align: 'right', render: show },
              {
                title: r.regime === 'tt27' ? t('office_overview.results.result') : t('office_overview.results.learning'),
                children: cats.map((c) => ({ key: `l-${c}`, title: t(`office_overview.results.${r.regime}.${c}`), align: 'right' as const, render: (_: unknown, g: GradeResults) => show(g.levels[c]) })),
              },
              ...(r.regime === 'tt22' ? [{
                title: t('office_overview.results.conduct'),
                children: TT22.map((c) => ({ key: `c-${c}`, title: t(`office_overview.results.tt22.${c}`), align: 'right' as const, render: (_: unknown, g: GradeResults) => show(g.conduct?.[c]) })),
              }] : []),
            ]} />
        ) : <Typography.Text type="secondary">{t('office_overview.results.none')}</Typography.Text>}
      </Card>
      <Card size="small" title={t('office_overview.dossiers.title')} data-testid="office-school-dossiers">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} items={[
          { key: 'share', label: t('office_overview.dossiers.share_done'), children: percent(school.dossiers?.share_done) },
          ...DOSSIERS.map((k) => ({ key: k, label: t(`office_overview.dossiers.${k}`), children: show(school.dossiers?.[k]) })),
        ]} />
      </Card>
      <Card size="small" title={t('office_overview.health.title')} data-testid="office-school-health">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={HEALTH.map((k) => ({ key: k, label: t(`office_overview.health.${k}`), children: show(school.health?.[k]) }))} />
      </Card>
    </Flex>
  );
}

/**
 * Tổng quan các trường (rpc office_overview): the Sở over its schools and Phòng(s), the Phòng over its
 * schools; a Phòng opens its schools, a school its detail (progress, published results per grade,
 * dossiers, health). Counts only; "< 5" is shown as the database answers it. The level open is in the
 * address (?unit=…&school=…), so Back and a shared link keep it.
 */
export function OfficeOverviewPage() {
  const t = useTranslate();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit');
  const schoolId = params.get('school');
  const overview = useOverview(unitId);
  const data = overview.data;
  const school = schoolId ? data?.schools.find((s) => s.id === schoolId) : undefined;
  const go = (unit: string | null, schoolOf?: string) => {
    const next = new URLSearchParams();
    if (unit) next.set('unit', unit);
    if (schoolOf) next.set('school', schoolOf);
    setParams(next);
  };
  return (
    <Flex vertical gap={12} data-testid="office-overview-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{school ? school.name : data?.unit.name ?? t('office_overview.title')}</Typography.Title>
      {data ? (
        <Breadcrumb data-testid="office-path" items={[
          ...data.path.map((u, i) => ({
            key: u.id,
            title: i < data.path.length - 1 || school ? <a onClick={() => go(i === 0 ? null : u.id)}>{u.name}</a> : u.name,
          })),
          ...(school ? [{ key: school.id, title: school.name }] : []),
        ]} />
      ) : null}
      <Alert type="info" showIcon message={t('office_overview.hint')} />
      {overview.error ? <Alert type="error" showIcon message={(overview.error as Error).message} /> : null}
      {school ? (
        <>
          <span><Button onClick={() => go(unitId)} data-testid="office-back">{t('office_overview.back')}</Button></span>
          <SchoolDetail school={school} />
        </>
      ) : (
        <>
          {data && data.offices.length > 0 ? (
            <Card size="small" title={t('office_overview.offices')}>
              <Table<OfficeRow> data-testid="office-offices" rowKey="id" size="small" pagination={false} dataSource={data.offices} scroll={{ x: 'max-content' }}
                onRow={(r) => ({ 'data-testid': `office-unit-${r.name}` } as HTMLAttributes<HTMLElement>)}
                columns={[
                  { title: t('office_overview.office'), dataIndex: 'name', render: (name: string, r) => <a onClick={() => go(r.id)}>{name}</a> },
                  { title: t('office_overview.school_count'), dataIndex: 'schools', align: 'right', render: show },
                  { title: t('office_overview.classes'), dataIndex: 'classes', align: 'right', render: show },
                  { title: t('office_overview.students'), dataIndex: 'students', align: 'right', render: show },
                  { title: t('office_overview.staff'), dataIndex: 'staff', align: 'right', render: show },
                  { key: 'open', render: (_: unknown, r) => <Button size="small" onClick={() => go(r.id)} data-testid="office-unit-open">{t('office_overview.open')}</Button> },
                ]} />
            </Card>
          ) : null}
          <Card size="small" title={t('office_overview.schools')}>
            <Table<School> data-testid="office-schools" rowKey="id" size="small" pagination={false} loading={overview.isLoading}
              dataSource={data?.schools ?? []} scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('office_overview.none')} /> }}
              onRow={(r) => ({ 'data-testid': `office-school-${r.name}` } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('office_overview.school'), dataIndex: 'name', render: (name: string, r) => <a onClick={() => go(unitId, r.id)}>{name}</a> },
                { title: t('office_overview.year'), key: 'year', render: (_: unknown, r) => r.school_year?.code ?? '—' },
                { title: t('office_overview.classes'), key: 'classes', align: 'right', render: (_: unknown, r) => show(r.counts?.classes) },
                { title: t('office_overview.students'), key: 'students', align: 'right', render: (_: unknown, r) => show(r.counts?.students) },
                { title: t('office_overview.staff'), key: 'staff', align: 'right', render: (_: unknown, r) => show(r.counts?.staff) },
                { title: t('office_overview.share_done'), key: 'share', width: 160, render: (_: unknown, r) => (r.progress ? percent(r.progress.share_done) : '—') },
                { title: t('office_overview.overdue'), key: 'overdue', align: 'right', render: (_: unknown, r) => show(r.progress?.overdue) },
                { key: 'open', render: (_: unknown, r) => <Button size="small" onClick={() => go(unitId, r.id)} data-testid="office-school-open">{t('office_overview.open')}</Button> },
              ]} />
          </Card>
        </>
      )}
    </Flex>
  );
}
