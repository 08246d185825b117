import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Spin, Typography } from 'antd';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { ReportTable, useHealthReport } from './HealthReport.tsx';
import { useHealthWho } from './useHealth.ts';

function SchoolCounts({ id, name }: { id: string; name: string }) {
  const report = useHealthReport(id);
  return (
    <Card size="small" title={name} data-testid={`officer-school-${name}`}>
      {report.isLoading ? <Spin /> : report.error ? <Alert type="error" showIcon message={(report.error as Error).message} />
        : report.data ? <ReportTable report={report.data} /> : null}
    </Card>
  );
}

/** Phòng and Sở: per school under the office, rpc health_report's counts (under 5 read "< 5"; no names). */
export function OfficerCounts() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { identity } = useHealthWho();
  const ids = identity?.scope.officer_school_ids ?? [];
  const schools = useQuery({
    queryKey: ['officer-schools', ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const { data, error } = await supabase.from('org_units').select('id, name').in('id', ids).order('name');
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  if (!ids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.officer.none')} />;
  return (
    <Flex vertical gap={12} data-testid="officer-health">
      <Typography.Text type="secondary">{t('health.officer.hint')} {t('health.report.masked')}</Typography.Text>
      {schools.error ? <Alert type="error" showIcon message={(schools.error as Error).message} /> : null}
      {schools.isLoading ? <Spin /> : (schools.data ?? []).map((s) => <SchoolCounts key={s.id} id={s.id} name={s.name} />)}
    </Flex>
  );
}
