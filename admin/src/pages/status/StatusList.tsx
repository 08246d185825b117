import { ReloadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Flex, Table, Tag, Typography, theme } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSupabase } from '../../providers/supabase.tsx';
import { IntegrityCard } from './IntegrityCard.tsx';
import { functionErrorMessage, systemStatusSchema, type SystemStatus } from './status.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; status: SystemStatus }
  | { kind: 'unexpected'; body: unknown }
  | { kind: 'failed'; message: string };

/** Trạng thái hệ thống: what the `status` edge function reports (admin board, IT staff). */
export function StatusList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    const { data, error } = await supabase.functions.invoke('status');
    if (error) return setState({ kind: 'failed', message: await functionErrorMessage(error) });
    const parsed = systemStatusSchema.safeParse(data);
    setState(parsed.success ? { kind: 'loaded', status: parsed.data } : { kind: 'unexpected', body: data });
  }, [supabase]);

  useEffect(() => {
    void load();
  }, [load]);

  const empty = t('common.empty');
  const status = state.kind === 'loaded' ? state.status : null;

  return (
    <Flex vertical gap={token.marginLG} data-testid="status-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3}>{t('status.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={state.kind === 'loading'} onClick={() => void load()}>
          {t('status.reload')}
        </Button>
      </Flex>
      {state.kind === 'failed' && <Alert data-testid="status-error" type="error" showIcon message={t('status.error')} description={state.message} />}
      {status?.database_error && <Alert type="warning" showIcon message={t('status.error')} description={status.database_error} />}
      {state.kind === 'unexpected' && (
        <Card title={t('status.server')}>
          <Typography.Paragraph code>{JSON.stringify(state.body, null, 2)}</Typography.Paragraph>
        </Card>
      )}
      <IntegrityCard />
      <Card title={t('status.server')} loading={state.kind === 'loading'}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('status.fields.postgres_version')}>
            <span data-testid="status-postgres-version">{status?.postgres_version ?? empty}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.fields.postgrest_version')}>{status?.postgrest_version ?? empty}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('status.fields.migrations')} loading={state.kind === 'loading'}>
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={status?.migrations ?? []}
          locale={{ emptyText: t('status.no_migrations') }}
          columns={[
            { title: t('status.fields.version'), dataIndex: 'version' },
            { title: t('status.fields.name'), dataIndex: 'name', render: (name: string | null) => name ?? empty },
          ]}
        />
      </Card>
      <Card title={t('status.caller')} loading={state.kind === 'loading'}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('status.fields.email')}>{status?.caller.email ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('status.fields.id')}>{status?.caller.id ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('status.fields.role')}>{status?.caller.role ?? empty}</Descriptions.Item>
          <Descriptions.Item label={t('status.fields.roles')}>
            {status?.caller.roles.map((role) => (
              <Tag key={role} color="blue">
                {t(`roles.${role}`, role)}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Flex>
  );
}
