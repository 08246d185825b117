import { EditOutlined, FileTextOutlined, UnlockOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Flex, Spin, Table, Timeline, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import type { Identity } from '../../providers/userContext.ts';
import { CorrectionActions } from './components/CorrectionActions.tsx';
import { EvidencePanel } from './components/EvidencePanel.tsx';
import { StatusTag } from './components/StatusTag.tsx';
import { gradebookLink, hasMinutes, itemKey, semesterParam } from './correctionModel.ts';
import { useEvidence, useRequestDetail, type MinutesData, type MinutesItem } from './useCorrections.ts';
import '../../components/paperForms.css';

/**
 * One request: what it asks (class, subject, period, entries, reason), its evidence, the buttons of the
 * steps the database offers the user now (`allowed_actions`), the link to the gradebook while it is
 * unlocked for the requester, and its steps.
 */
export function CorrectionRequestShow() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { id } = useParams();
  const { detail, error, loading, reload } = useRequestDetail(id);
  const evidence = useEvidence(id);
  const { data: identity } = useGetIdentity<Identity>();

  if (loading && !detail) return <Spin />;
  if (error || !detail) return <Alert type="error" showIcon message={error ?? t('correction_requests.not_found')} />;
  const { request: q, minutes: m } = detail;
  const mine = !!identity && q.requested_by === identity.id;
  // A draft is read by its requester alone (RLS), who rewrites it through save_correction_request.
  const draft = q.status === 'draft' && mine;
  const row = { school_id: q.school_id, class_id: q.class_id, subject_id: q.subject_id };
  const open = q.status === 'unlocked' || q.status === 'edited';
  const expired = open && !!q.unlock_ends_at && new Date(q.unlock_ends_at) <= new Date();
  const homeroom = q.classes?.homeroom?.full_name;
  const automatic = [
    { capacity: 'admin_board', name: identity?.name ?? '' },
    { capacity: 'requester', name: m.requested_by },
    ...(homeroom ? [{ capacity: 'homeroom', name: homeroom }] : []),
  ];

  return (
    <Flex vertical gap={token.margin} data-testid="correction-detail">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('correction_requests.detail.title', { class: m.class_name, subject: m.subject_name })}</Typography.Title>
        <Flex gap={token.marginSM} wrap>
          <ActionButton
            resource="correction_requests"
            action="create"
            row={row}
            allowed={draft}
            icon={<EditOutlined />}
            onClick={() => navigate(`/correction_requests/${q.id}/edit`)}
            data-testid="correction-edit"
          >
            {t('correction_requests.detail.edit_draft')}
          </ActionButton>
          {hasMinutes(q.status) && (
            <Button icon={<FileTextOutlined />} onClick={() => navigate(`/correction_requests/${q.id}/minutes`)} data-testid="correction-minutes-link">
              {t('correction_requests.detail.minutes')}
            </Button>
          )}
          <Link to="/correction_requests">{t('correction_requests.back')}</Link>
        </Flex>
      </Flex>
      {mine && open && q.unlock_ends_at && !expired && (
        <Alert
          type="warning"
          showIcon
          icon={<UnlockOutlined />}
          message={t('correction_requests.detail.unlocked_until', { time: formatDateTime(q.unlock_ends_at) })}
          action={
            <ActionButton resource="score_entries" action="edit" row={row} type="primary" href={gradebookLink(q)} data-testid="correction-open-gradebook">
              {t('correction_requests.detail.open_gradebook')}
            </ActionButton>
          }
        />
      )}
      {expired && <Alert type="info" showIcon message={t('correction_requests.detail.unlock_expired', { time: formatDateTime(q.unlock_ends_at) })} />}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        {m.number !== null && <Descriptions.Item label={t('correction_requests.fields.number')}>{m.number}</Descriptions.Item>}
        <Descriptions.Item label={t('correction_requests.fields.status')}>
          <StatusTag status={q.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.school_year')}>{m.school_year_code}</Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.class')}>{m.class_name}</Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.subject')}>{m.subject_name}</Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.semester')}>{t(`correction_requests.semesters.${semesterParam(q.semester)}`)}</Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.requested_by')}>{m.requested_by}</Descriptions.Item>
        <Descriptions.Item label={t('correction_requests.fields.created_at')}>{formatDateTime(q.created_at)}</Descriptions.Item>
        {q.submitted_at && <Descriptions.Item label={t('correction_requests.fields.submitted_at')}>{formatDateTime(q.submitted_at)}</Descriptions.Item>}
        {q.unlock_ends_at && <Descriptions.Item label={t('correction_requests.fields.unlock_ends_at')}>{formatDateTime(q.unlock_ends_at)}</Descriptions.Item>}
        <Descriptions.Item label={t('correction_requests.fields.reason')} span="filled">
          <Typography.Text data-testid="correction-detail-reason">{q.reason}</Typography.Text>
        </Descriptions.Item>
        {q.decision_note && (
          <Descriptions.Item label={t('correction_requests.fields.decision_note')} span="filled">
            {q.decision_note}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<MinutesItem>
        dataSource={m.items}
        rowKey={(i) => itemKey(i.student_id, i.kind, i.seq)}
        size="small"
        pagination={false}
        onRow={(i) => ({ 'data-testid': `correction-item-${itemKey(i.student_id, i.kind, i.seq)}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<MinutesItem> key="no" title="STT" render={(_, __, i) => i + 1} />
        <Table.Column<MinutesItem> dataIndex="full_name" title={t('correction_requests.fields.student')} />
        <Table.Column<MinutesItem> dataIndex="label" title={t('correction_requests.fields.column')} />
        <Table.Column<MinutesItem> dataIndex="recorded" title={t('correction_requests.fields.recorded')} render={(v: string) => v || t('correction_requests.form.empty_cell')} />
        <Table.Column<MinutesItem> dataIndex="proposed" title={t('correction_requests.fields.proposed')} />
        <Table.Column<MinutesItem> dataIndex="applied_at" title={t('correction_requests.fields.applied_at')} render={(v: string | null) => formatDateTime(v) || t('common.empty')} />
      </Table>
      <EvidencePanel requestId={q.id} row={row} files={evidence.files} error={evidence.error} editable={draft} onChanged={() => void evidence.reload()} />
      <CorrectionActions
        request={q}
        automaticWitnesses={automatic}
        onDone={() => {
          void reload();
          void evidence.reload();
        }}
      />
      <Card size="small" title={t('correction_requests.detail.timeline')}>
        <Timeline items={steps(m, q.created_at, t)} data-testid="correction-timeline" />
      </Card>
    </Flex>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The steps taken so far, in order (names from the minutes data). */
function steps(m: MinutesData, createdAt: string, t: Translate) {
  const at = formatDateTime;
  const out: { children: string; color?: string }[] = [{ children: t('correction_requests.steps.created', { at: at(createdAt) }) }];
  if (m.submitted_at) out.push({ children: t('correction_requests.steps.submitted', { at: at(m.submitted_at) }) });
  if (m.forwarded_at) out.push({ children: t('correction_requests.steps.forwarded', { name: m.forwarded_by, at: at(m.forwarded_at) }) });
  if (m.decided_at) {
    const rejected = m.status === 'rejected';
    out.push({ children: t(`correction_requests.steps.${rejected ? 'rejected' : 'approved'}`, { name: m.decided_by, at: at(m.decided_at) }), color: rejected ? 'red' : 'green' });
  }
  if (m.unlocked_at) out.push({ children: t('correction_requests.steps.unlocked', { name: m.unlocked_by, at: at(m.unlocked_at), until: at(m.unlock_ends_at) }), color: 'orange' });
  const lastApplied = m.items.map((i) => i.applied_at).filter((v): v is string => !!v).sort().pop();
  if (lastApplied && m.items.every((i) => i.applied_at)) out.push({ children: t('correction_requests.steps.edited', { at: at(lastApplied) }) });
  if (m.relocked_at) out.push({ children: t('correction_requests.steps.relocked', { name: m.relocked_by, at: at(m.relocked_at) }) });
  if (m.minuted_at) out.push({ children: t('correction_requests.steps.minuted', { at: at(m.minuted_at) }), color: 'green' });
  if (m.status === 'withdrawn') out.push({ children: t('correction_requests.steps.withdrawn'), color: 'gray' });
  return out;
}
