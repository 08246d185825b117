import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { ComplianceTable } from './ComplianceTable.tsx';
import type { SchoolComplianceRow } from './useDossiers.ts';

const count = (n: number, color: string) => (n > 0 ? <Tag color={color}>{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>);

/**
 * Hồ sơ các trường: the managing office's view (rpc dossier_school_compliance) — per school of the Phòng or
 * Sở, its current year's obligations due by today, the share submitted or approved, what is missing, late
 * or returned — and a school's items × parties (rpc dossier_compliance). Counts and statuses only: the
 * office never opens a teacher's file.
 */
export function SchoolsPage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const [open, setOpen] = useState<SchoolComplianceRow>();
  const schools = useQuery({
    queryKey: ['dossier_school_compliance'],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('dossier_school_compliance');
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  return (
    <Flex vertical gap={12} data-testid="dossier-schools-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{open ? t('dossiers.schools.school_title', { school: open.school_name, year: open.year_code }) : t('menu.dossier_schools')}</Typography.Title>
      {open ? (
        <>
          <span><Button onClick={() => setOpen(undefined)} data-testid="dossier-schools-back">{t('dossiers.schools.back')}</Button></span>
          <Alert type="info" showIcon message={t('dossiers.schools.detail_hint')} />
          <ComplianceTable yearId={open.school_year_id} testId="dossier-school-compliance" />
        </>
      ) : (
        <>
          <Alert type="info" showIcon message={t('dossiers.schools.hint')} />
          {schools.error ? <Alert type="error" showIcon message={(schools.error as Error).message} /> : null}
          <Table<SchoolComplianceRow>
            data-testid="dossier-schools"
            rowKey="school_id"
            size="small"
            loading={schools.isLoading}
            dataSource={schools.data ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('dossiers.schools.none')} /> }}
            onRow={(r) => ({ 'data-testid': `dossier-school-${r.school_name}` } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('dossiers.schools.school'), dataIndex: 'school_name' },
              { title: t('common.school_year'), dataIndex: 'year_code' },
              { title: t('dossiers.compliance.due'), dataIndex: 'due', align: 'right' },
              {
                title: t('dossiers.schools.share'), dataIndex: 'share_done', width: 170,
                render: (n: number) => <Progress percent={Number(n)} size="small" format={(p) => `${formatNumber(p ?? 0)}%`} />,
              },
              { title: t('dossiers.compliance.approved'), dataIndex: 'approved', align: 'right', render: (n: number) => count(n, 'green') },
              { title: t('dossiers.compliance.submitted'), dataIndex: 'submitted', align: 'right', render: (n: number) => count(n, 'gold') },
              { title: t('dossiers.compliance.returned'), dataIndex: 'returned', align: 'right', render: (n: number) => count(n, 'red') },
              { title: t('dossiers.compliance.missing'), dataIndex: 'missing', align: 'right', render: (n: number) => count(n, 'red') },
              { title: t('dossiers.compliance.late'), dataIndex: 'late', align: 'right', render: (n: number) => count(n, 'orange') },
              {
                key: 'open',
                render: (_: unknown, r: SchoolComplianceRow) => <Button size="small" onClick={() => setOpen(r)} data-testid="dossier-school-open">{t('dossiers.schools.open')}</Button>,
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
