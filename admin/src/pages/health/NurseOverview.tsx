import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Card, Col, Empty, Flex, List, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useCurrentClasses, useHealthWho } from './useHealth.ts';

interface Overview {
  today: string;
  visits_today: { id: string; full_name: string; class_name: string; arrived_at: string; complaint: string; outcome: string }[];
  short_of_bmi: { class_id: string; class_name: string; students: number; short: number }[];
  notices_unacknowledged: number;
  students: number;
  families_informed: number;
}

function ShortNames({ classId }: { classId: string }) {
  const supabase = useSupabase();
  const t = useTranslate();
  const names = useQuery({
    queryKey: ['short_of_bmi', classId],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('short_of_bmi', { p_class_id: classId });
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  if (names.error) return <Alert type="error" showIcon message={(names.error as Error).message} />;
  return (
    <List size="small" loading={names.isLoading} dataSource={names.data ?? []} data-testid={`short-names-${classId}`}
      renderItem={(s) => <List.Item>{s.full_name} — {t('health.overview.measurements')}: {s.measurements}</List.Item>} />
  );
}

/** The nurse's start page: rpc nurse_overview (today's visits, classes short of BMI, notices, families informed). */
export function NurseOverview() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { schoolOf } = useHealthWho();
  const school = schoolOf('nurse');
  const overview = useQuery({
    queryKey: ['nurse_overview', school],
    enabled: !!school,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('nurse_overview', { p_school_id: school! });
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Overview;
    },
  });
  if (overview.error) return <Alert type="error" showIcon message={(overview.error as Error).message} />;
  const o = overview.data;
  const share = o && o.students ? (100 * o.families_informed) / o.students : 0;
  return (
    <Flex vertical gap={12} data-testid="nurse-overview">
      {o ? <Typography.Text type="secondary">{t('health.overview.today', { date: formatDate(o.today) })}</Typography.Text> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('health.overview.visits_today')} value={o?.visits_today.length ?? 0} loading={overview.isLoading} /></Card></Col>
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('health.overview.unacknowledged')} value={o?.notices_unacknowledged ?? 0} loading={overview.isLoading} /></Card></Col>
        <Col xs={24} md={8}>
          <Card size="small" data-testid="overview-informed">
            <Statistic title={t('health.overview.informed')} loading={overview.isLoading}
              formatter={() => t('health.overview.informed_value', { informed: o?.families_informed ?? 0, students: o?.students ?? 0, share: formatNumber(share, { fractionDigits: 1 }) })} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('health.overview.visits_today')}>
        {o?.visits_today.length ? (
          <List size="small" dataSource={o.visits_today} data-testid="overview-visits"
            renderItem={(v) => <List.Item>{formatDateTime(v.arrived_at).slice(-5)} · {v.full_name} ({v.class_name}) — {v.complaint} · {t(`health.outcomes.${v.outcome}`)}</List.Item>} />
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.overview.no_visits')} />}
      </Card>
      <Card size="small" title={t('health.overview.short_of_bmi')}>
        <Table data-testid="overview-short" rowKey="class_id" size="small" pagination={false} dataSource={o?.short_of_bmi ?? []}
          locale={{ emptyText: t('health.overview.none_short') }}
          expandable={{ expandedRowRender: (r) => <ShortNames classId={r.class_id} />, expandRowByClick: true }}
          columns={[
            { title: t('health.class'), dataIndex: 'class_name' },
            { title: t('health.overview.show_names'), key: 'short', render: (_: unknown, r) => t('health.overview.short_value', { short: r.short, students: r.students }) },
          ]} />
      </Card>
    </Flex>
  );
}

/** Per class of the current year: send the yearly notice, or the follow-up notices of screening findings. */
export function NoticesPanel() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { classes } = useCurrentClasses();
  const [busy, setBusy] = useState<string>();
  const [sent, setSent] = useState<Record<string, number>>({});
  const send = async (classId: string, kind: 'yearly' | 'follow_up') => {
    setBusy(`${classId}:${kind}`);
    const { data, error } = await supabase.rpc('send_health_notices', { p_class_id: classId, p_kind: kind });
    setBusy(undefined);
    if (error) return message.error(errorMessage(error));
    setSent((s) => ({ ...s, [`${classId}:${kind}`]: data }));
    message.success(t('health.notices.sent', { count: data }));
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('health.notices.hint')}</Typography.Text>
      <Table data-testid="notices-classes" rowKey="id" size="small" pagination={false} dataSource={classes} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('health.class'), dataIndex: 'name' },
          ...(['yearly', 'follow_up'] as const).map((kind) => ({
            key: kind,
            render: (_: unknown, c: (typeof classes)[number]) => (
              <Flex gap={8} align="center">
                <ActionButton resource="health" action="create" row={{ school_id: c.school_id }} loading={busy === `${c.id}:${kind}`}
                  onClick={() => void send(c.id, kind)} data-testid={`notice-${kind}-${c.name}`}>
                  {t(`health.notices.${kind}`)}
                </ActionButton>
                {sent[`${c.id}:${kind}`] !== undefined ? (
                  <Typography.Text type="success" data-testid={`notice-sent-${kind}-${c.name}`}>{t('health.notices.sent', { count: sent[`${c.id}:${kind}`] })}</Typography.Text>
                ) : null}
              </Flex>
            ),
          })),
        ]} />
    </Flex>
  );
}
