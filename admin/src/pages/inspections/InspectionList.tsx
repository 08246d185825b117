import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, Table, Tag, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Identity } from '../../providers/userContext.ts';
import { InspectionFormModal } from '../../components/InspectionFormModal.tsx';
import { InspectionSheet } from './InspectionSheet.tsx';
import { kindsFor, type InspectionRow } from '../../shared/inspections.ts';
import { useInspections } from './useInspections.ts';

export { InspectionFormModal, type InspectionPrefill } from '../../components/InspectionFormModal.tsx';

const KIND_COLORS = { periodic: 'blue', ad_hoc: 'volcano', monthly: 'green' } as const;

/**
 * Kiểm tra: the checks of the chosen year the user may read, newest first, each printable as a record.
 * BGH and Tổ trưởng record new ones; records are never edited or removed (Postgres refuses anyway).
 */
export function InspectionList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId } = useSchoolYear();
  const { inspections, loading, error, refetch } = useInspections(year?.id);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<InspectionRow | null>(null);
  const canCreate = kindsFor(identity?.memberships ?? [], year?.code, year?.school_id).length > 0;
  const schoolName = identity?.memberships.find((m) => m.org_unit_id === year?.school_id)?.org_unit_name ?? '';
  const empty = t('common.empty');

  return (
    <Flex vertical gap={token.margin} data-testid="inspections-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('inspections.title')}</Typography.Title>
        <Flex gap={token.margin} wrap>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="inspections" action="create" row={{ school_id: year?.school_id }} allowed={!!year && canCreate}
            type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="inspection-create">
            {t('inspections.create')}
          </ActionButton>
        </Flex>
      </Flex>
      <Alert type="info" showIcon message={t('inspections.intro')} />
      {error && <Alert type="error" showIcon message={t('inspections.load_error')} description={error} />}
      <Table<InspectionRow>
        dataSource={inspections}
        loading={loading}
        rowKey="id"
        size="middle"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('inspections.empty') }}
        onRow={(r) => ({ 'data-testid': `inspection-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<InspectionRow> dataIndex="checked_on" title={t('inspections.fields.checked_on')} render={(v: string) => formatDate(v)} />
        <Table.Column<InspectionRow>
          dataIndex="kind"
          title={t('inspections.fields.kind')}
          render={(k: InspectionRow['kind']) => <Tag color={KIND_COLORS[k]}>{t(`inspections.kinds.${k}`)}</Tag>}
        />
        <Table.Column<InspectionRow> key="checker" title={t('inspections.fields.checked_by')} render={(_, r) => r.checker?.full_name ?? empty} />
        <Table.Column<InspectionRow> key="teacher" title={t('inspections.fields.teacher')} render={(_, r) => r.teacher?.full_name ?? empty} />
        <Table.Column<InspectionRow>
          key="scope"
          title={`${t('inspections.fields.class')} / ${t('inspections.fields.subject')}`}
          render={(_, r) => [r.classes?.name, r.subjects?.name, r.semester ? t(`inspections.semesters.${r.semester}`) : null].filter(Boolean).join(' – ') || empty}
        />
        <Table.Column<InspectionRow>
          dataIndex="findings"
          title={t('inspections.fields.findings')}
          render={(v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }}>{v}</Typography.Paragraph>}
        />
        <Table.Column<InspectionRow>
          key="follow_up"
          title={t('inspections.fields.follow_up')}
          render={(_, r) => (
            <>
              {r.follow_up ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.follow_up }}>{r.follow_up}</Typography.Paragraph> : empty}
              {r.follow_up_by && <Typography.Text type="secondary">{`${t('inspections.fields.follow_up_by')}: ${formatDate(r.follow_up_by)}`}</Typography.Text>}
            </>
          )}
        />
        <Table.Column<InspectionRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) => (
            <Button size="small" icon={<EyeOutlined />} onClick={() => setShown(r)} data-testid={`inspection-view-${r.id}`}>
              {t('inspections.view')}
            </Button>
          )}
        />
      </Table>
      {year && creating && (
        <InspectionFormModal
          year={year}
          open
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void refetch();
          }}
        />
      )}
      <InspectionSheet inspection={shown} schoolName={schoolName} yearCode={year?.code ?? ''} onClose={() => setShown(null)} />
    </Flex>
  );
}
