import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useCurrentClasses, useHealthWho } from './useHealth.ts';

interface AlertRow { student_id: string; full_name: string; kind: 'allergy' | 'condition' | 'finding' | 'alert'; label: string | null; severity: string | null; action_plan: string | null; detail: string | null }
const COLORS: Record<AlertRow['kind'], string> = { allergy: 'orange', condition: 'red', finding: 'blue', alert: 'gold' };

/**
 * Cảnh báo sức khỏe of a class (rpc class_health_alerts): the GVCN (and the nurse, BGH) read allergies,
 * conditions with their action plans and follow-up findings; a teacher of the class reads that a student
 * has an alert and the severe cases' action plans — the database decides which.
 */
export function HealthAlertsPage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { has, identity } = useHealthWho();
  const { classes } = useCurrentClasses();
  const scope = identity?.scope;
  // My classes: every class of the school for the nurse and BGH, else the homeroom and taught ones.
  const mine = has('nurse', 'principal', 'vice_principal') ? classes : classes.filter((c) =>
    scope?.homeroom_class_ids.includes(c.id) || scope?.assignments.some((a) => a.class_id === c.id) || scope?.department_assignments.some((a) => a.class_id === c.id));
  const [classId, setClassId] = useState<string>();
  const alerts = useQuery({
    queryKey: ['class_health_alerts', classId],
    enabled: !!classId,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('class_health_alerts', { p_class_id: classId! });
      if (error) throw new Error(errorMessage(error));
      return data as AlertRow[];
    },
  });
  return (
    <Flex vertical gap={12} data-testid="health-alerts-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('health.alerts.title')}</Typography.Title>
      <Alert type="info" showIcon message={t('health.alerts.hint')} />
      <Space wrap><ClassSelect classes={mine} value={classId} onChange={setClassId} testId="alerts-class" /></Space>
      {!classId ? <Typography.Text type="secondary">{t('health.alerts.pick')}</Typography.Text> : null}
      {alerts.error ? <Alert type="error" showIcon message={(alerts.error as Error).message} /> : null}
      {classId ? (
        <Table<AlertRow> data-testid="health-alerts" size="small" pagination={false} loading={alerts.isLoading} dataSource={alerts.data ?? []} scroll={{ x: 'max-content' }}
          rowKey={(r) => `${r.student_id}:${r.kind}:${r.label ?? ''}`}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.alerts.none')} /> }}
          columns={[
            { title: t('health.student'), dataIndex: 'full_name' },
            { title: t('health.fields.kind'), dataIndex: 'kind', render: (k: AlertRow['kind']) => <Tag color={COLORS[k]}>{t(`health.alerts.kinds.${k}`)}</Tag> },
            { title: t('health.fields.name'), dataIndex: 'label', render: (v: string | null) => v ?? '' },
            { title: t('health.fields.severity'), dataIndex: 'severity', render: (v: string | null) => (v ? <Tag color={v === 'severe' ? 'red' : undefined}>{t(`health.severities.${v}`)}</Tag> : null) },
            { title: t('health.fields.action_plan'), dataIndex: 'action_plan', render: (v: string | null) => <span style={{ whiteSpace: 'pre-line' }}>{v ?? ''}</span> },
            { title: t('health.alerts.detail'), key: 'detail', render: (_, r) => (r.kind === 'alert' ? t('health.alerts.alert_detail') : r.detail ?? '') },
          ]} />
      ) : null}
    </Flex>
  );
}
