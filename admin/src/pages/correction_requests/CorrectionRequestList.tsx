import { PlusOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Flex, Table, Tabs, Typography, theme } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { ActionButton } from '../../components/ActionButton.tsx';
import { PageResult } from '../../components/PageResult.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { CorrectionRequestCreate } from './CorrectionRequestCreate.tsx';
import { CorrectionRequestMinutes } from './CorrectionRequestMinutes.tsx';
import { CorrectionRequestShow } from './CorrectionRequestShow.tsx';
import { StatusTag } from './components/StatusTag.tsx';
import { needsMe, semesterParam } from './correctionModel.ts';
import { useMe, useRequests, type InboxRow } from './useCorrections.ts';

/**
 * Đề nghị sửa điểm: the inbox at /correction_requests, the draft form at /new (?class=&subject=&semester=)
 * and /:id/edit, the request at /:id and its minutes at /:id/minutes (App.tsx routes /correction_requests/*).
 */
export function CorrectionRequestList() {
  return (
    <Routes>
      <Route index element={<CorrectionInbox />} />
      <Route path="new" element={<CorrectionRequestCreate />} />
      <Route path=":id" element={<CorrectionRequestShow />} />
      <Route path=":id/edit" element={<CorrectionRequestCreate />} />
      <Route path=":id/minutes" element={<CorrectionRequestMinutes />} />
      <Route path="*" element={<PageResult status={404} />} />
    </Routes>
  );
}

type InboxTab = 'mine' | 'all';

/**
 * The requests the user may read (RLS): a tab of those waiting for the user, whatever their year (a step
 * the database offers them on the row, their own open unlock, an unlock they witness), and a tab of all
 * requests of the chosen year. A new request is the teacher's filing (the matrix's create cell).
 */
function CorrectionInbox() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { years, year, setYearId } = useSchoolYear();
  const me = useMe();
  const { rows: every, loading, error } = useRequests();
  const codeOf = new Map(years.map((y) => [y.id, y.code]));
  const rows = every.filter((r) => r.school_year_id === year?.id);
  const [tab, setTab] = useState<InboxTab>('mine');
  const mine = me ? every.filter((r) => needsMe(r, me)) : [];

  return (
    <Flex vertical gap={token.margin} data-testid="correction-requests-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('correction_requests.title')}</Typography.Title>
        <Flex gap={token.margin} wrap>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ActionButton resource="correction_requests" action="create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/correction_requests/new')} data-testid="correction-create">
            {t('correction_requests.create')}
          </ActionButton>
        </Flex>
      </Flex>
      <Alert type="info" showIcon message={t('correction_requests.intro')} />
      {error && <Alert type="error" showIcon message={t('correction_requests.load_error', { message: errorMessage(error) })} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as InboxTab)}
        items={[
          { key: 'mine', label: <span data-testid="correction-tab-mine">{`${t('correction_requests.tabs.mine')} (${mine.length})`}</span> },
          { key: 'all', label: <span data-testid="correction-tab-all">{`${t('correction_requests.tabs.all')} (${rows.length})`}</span> },
        ]}
      />
      <Table<InboxRow>
        dataSource={tab === 'mine' ? mine : rows}
        loading={loading}
        rowKey="id"
        size="middle"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('correction_requests.empty') }}
        onRow={(r) => ({ 'data-testid': `correction-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<InboxRow> key="year" title={t('correction_requests.fields.school_year')} render={(_, r) => codeOf.get(r.school_year_id) ?? t('common.empty')} />
        <Table.Column<InboxRow> key="class" title={t('correction_requests.fields.class')} render={(_, r) => <Link to={`/correction_requests/${r.id}`}>{r.classes?.name ?? t('common.empty')}</Link>} />
        <Table.Column<InboxRow> key="subject" title={t('correction_requests.fields.subject')} render={(_, r) => r.subjects?.name ?? t('common.empty')} />
        <Table.Column<InboxRow> key="semester" title={t('correction_requests.fields.semester')} render={(_, r) => t(`correction_requests.semesters.${semesterParam(r.semester)}`)} />
        <Table.Column<InboxRow> key="requested_by" title={t('correction_requests.fields.requested_by')} render={(_, r) => r.requester?.full_name ?? t('common.empty')} />
        <Table.Column<InboxRow> key="items" title={t('correction_requests.fields.items')} render={(_, r) => r.correction_items?.[0]?.count ?? 0} />
        <Table.Column<InboxRow> key="status" title={t('correction_requests.fields.status')} render={(_, r) => <StatusTag status={r.status} />} />
        <Table.Column<InboxRow> dataIndex="updated_at" title={t('correction_requests.fields.updated_at')} render={(v: string) => formatDateTime(v)} />
      </Table>
    </Flex>
  );
}
