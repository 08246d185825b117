import { useTranslate } from '@refinedev/core';
import { Empty, Tabs, Typography } from 'antd';
import { AccessLog, BookLookup } from './BookLookup.tsx';
import { ClinicLog } from './ClinicLog.tsx';
import { FamilyHealth } from './FamilyHealth.tsx';
import { HealthReport } from './HealthReport.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { MeasureGrid } from './MeasureGrid.tsx';
import { NoticesPanel, NurseOverview } from './NurseOverview.tsx';
import { OfficerCounts } from './OfficerCounts.tsx';
import { ScreeningGrid } from './ScreeningGrid.tsx';
import { useHealthWho } from './useHealth.ts';

/**
 * Y tế trường học: what each reader of the health module works with — the nurse's screens, BGH's
 * reports, logged book reads and access log, the family's book and notices, the officers' counts. The
 * tabs follow the caller's roles; the database decides every row.
 */
export function HealthPage() {
  const t = useTranslate();
  const { has, schoolOf, identity } = useHealthWho();
  const nurse = has('nurse');
  const bgh = !nurse && has('principal', 'vice_principal');
  const family = !nurse && !bgh && has('guardian', 'student');
  const officer = !nurse && !bgh && !family && has('district_officer', 'province_officer');
  const tabs = nurse ? [
    { key: 'overview', label: t('health.tab_overview'), children: <NurseOverview /> },
    { key: 'measures', label: t('health.tab_measures'), children: <MeasureGrid /> },
    { key: 'screenings', label: t('health.tab_screenings'), children: <ScreeningGrid /> },
    { key: 'clinic', label: t('health.tab_clinic'), children: <ClinicLog /> },
    { key: 'book', label: t('health.tab_book'), children: <BookLookup mode="nurse" /> },
    { key: 'notices', label: t('health.tab_notices'), children: <NoticesPanel /> },
    { key: 'import', label: t('health.tab_import'), children: <ImportPanel schoolId={schoolOf('nurse')} /> },
    { key: 'reports', label: t('health.tab_reports'), children: <HealthReport schoolId={schoolOf('nurse')} /> },
    { key: 'access_log', label: t('health.tab_access_log'), children: <AccessLog /> },
  ] : bgh ? [
    { key: 'reports', label: t('health.tab_reports'), children: <HealthReport schoolId={schoolOf('principal', 'vice_principal')} /> },
    { key: 'book', label: t('health.tab_book'), children: <BookLookup mode="bgh" /> },
    { key: 'access_log', label: t('health.tab_access_log'), children: <AccessLog /> },
  ] : [];
  return (
    <div data-testid="health-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{family ? t('health.family.title') : t('menu.health')}</Typography.Title>
      {tabs.length ? <Tabs destroyOnHidden items={tabs} data-testid="health-tabs" />
        : family ? <FamilyHealth />
        : officer ? <OfficerCounts />
        : identity ? <Empty description={t('health.no_role')} /> : null}
    </div>
  );
}
