import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, List, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';

interface Finding {
  kind: string;
  what: string;
  detail: string;
  path?: string;
}
interface Check {
  id: string;
  school_id: string;
  trigger: string;
  status: 'running' | 'intact' | 'broken' | 'failed';
  checked: Record<string, number>;
  findings: Finding[];
  started_at: string;
  finished_at: string | null;
}

const COLOR: Record<Check['status'], string> = { running: 'processing', intact: 'success', broken: 'error', failed: 'warning' };
const COUNTED = ['chains', 'entries', 'documents', 'signed', 'signatures', 'dossier_files', 'backup_files'] as const;

/**
 * Kiểm tra toàn vẹn dữ liệu (issue 19): the school's last integrity checks — what was checked, what broke
 * — and, for IT staff, the button that starts one (rpc start_integrity_check; the check runs as a job and
 * the card follows it). The admin board reads the same results.
 */
export function IntegrityCard() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const itSchool = identity?.schoolsByRole.it_staff?.[0] ?? null;
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const checks = useQuery({
    queryKey: ['integrity_checks'],
    queryFn: async () => {
      const { data, error } = await supabase
        .from('integrity_checks')
        .select('id, school_id, trigger, status, checked, findings, started_at, finished_at')
        .order('started_at', { ascending: false })
        .limit(5);
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Check[];
    },
    refetchInterval: (q) => ((q.state.data ?? []).some((c) => c.status === 'running') ? 2000 : false),
  });
  const rows = checks.data ?? [];
  const running = rows.some((c) => c.status === 'running' && c.school_id === itSchool);

  const start = async () => {
    if (!itSchool) return;
    setStarting(true);
    setFailure(null);
    const { error } = await supabase.rpc('start_integrity_check', { p_school_id: itSchool });
    setStarting(false);
    if (error) setFailure(errorMessage(error));
    void checks.refetch();
  };

  const last = rows[0];
  return (
    <Card
      title={t('status.integrity.title')}
      data-testid="integrity-card"
      extra={
        itSchool && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={starting || running} onClick={() => void start()} data-testid="integrity-start">
            {running ? t('status.integrity.running') : t('status.integrity.start')}
          </Button>
        )
      }
    >
      <Flex vertical gap={token.marginMD}>
        {failure && <Alert type="error" showIcon message={failure} data-testid="integrity-error" />}
        {checks.error && <Alert type="error" showIcon message={(checks.error as Error).message} />}
        {!checks.isLoading && !last && <Typography.Text type="secondary">{t('status.integrity.never')}</Typography.Text>}
        {last && (
          <>
            <Descriptions column={1} bordered size="small" data-testid="integrity-last">
              <Descriptions.Item label={t('status.integrity.result')}>
                <Tag color={COLOR[last.status]} data-testid="integrity-status">
                  {t(`status.integrity.status.${last.status}`)}
                </Tag>
                {last.finished_at ? formatDateTime(last.finished_at) : formatDateTime(last.started_at)} · {t(`status.integrity.trigger.${last.trigger}`)}
              </Descriptions.Item>
              {last.status !== 'running' && (
                <Descriptions.Item label={t('status.integrity.checked')}>
                  {COUNTED.filter((k) => last.checked[k] !== undefined)
                    .map((k) => `${t(`status.integrity.counted.${k}`)}: ${formatNumber(last.checked[k]!)}`)
                    .join(' · ')}
                </Descriptions.Item>
              )}
            </Descriptions>
            {last.findings.length > 0 && (
              <List
                data-testid="integrity-findings"
                header={<Typography.Text strong>{t('status.integrity.findings', { count: last.findings.length })}</Typography.Text>}
                bordered
                size="small"
                dataSource={last.findings}
                renderItem={(f) => (
                  <List.Item data-testid="integrity-finding">
                    <Typography.Text type="danger">{f.what}</Typography.Text>: {f.detail}
                    {f.path && (
                      <Typography.Text type="secondary" code>
                        {f.path}
                      </Typography.Text>
                    )}
                  </List.Item>
                )}
              />
            )}
          </>
        )}
        {rows.length > 1 && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows.slice(1)}
            columns={[
              { title: t('status.integrity.started_at'), dataIndex: 'started_at', render: (v: string) => formatDateTime(v) },
              { title: t('status.integrity.result'), dataIndex: 'status', render: (s: Check['status']) => <Tag color={COLOR[s]}>{t(`status.integrity.status.${s}`)}</Tag> },
              { title: t('status.integrity.problems'), dataIndex: 'findings', render: (f: Finding[]) => formatNumber(f.length) },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
