import { useCan, useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Checkbox, DatePicker, Empty, Flex, Form, Input, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses, useYearStaff } from '../../components/useYearData.ts';
import { STAFF_ROLES } from '../../../../policies/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';

type Role = 'subject' | 'homeroom' | 'principal' | 'organisation';
type SignedDocument = 'transcripts' | 'gradebook';
interface InboxItem {
  class_id: string; document: SignedDocument; class_name: string; year_code: string; role: Role; subject_id: string | null; subject_name: string | null;
  also_subjects: string[]; opens_on: string; closes_on: string; files: number; unsigned: number; pending: string[]; open: boolean;
}
interface Batch { batch_id: string; total: number; label: string; status: string }
interface BoardSigner { role: Role; subject_id: string | null; label: string; people: string | null; signed: number; last_signed_at: string | null }
interface Board {
  class_name: string; files: number; archived: number; signers: BoardSigner[] | null;
  window: { opens_on: string; closes_on: string; homeroom_after_teachers: boolean } | null;
}
interface CertificateRow {
  id: string; kind: 'person' | 'organisation'; school_id: string | null; profile_id: string | null; serial: string; subject: string;
  not_before: string; not_after: string; status: 'active' | 'revoked';
}
interface RequestRow { id: string; kind: 'person' | 'organisation'; school_id: string; profile_id: string | null; status: string }

const PIN = /^\d{6,12}$/;

/** What the item asks the caller to sign as, in words. */
function roleLabel(t: ReturnType<typeof useTranslate>, item: Pick<InboxItem, 'role' | 'subject_name' | 'also_subjects'>): string {
  if (item.role === 'subject') return t('signing.roles.subject', { subject: item.subject_name ?? '' });
  if (item.role === 'homeroom' && item.also_subjects.length) return t('signing.roles.homeroom_also', { subjects: item.also_subjects.join(', ') });
  return t(`signing.roles.${item.role}`);
}

/**
 * One batch from start to signature: the sign function starts it (the database refuses out of turn,
 * naming who is pending), the jobs worker prepares the files (progress from the batch's items), the
 * signer approves them once with the PIN.
 */
function BatchModal({ batch, onClose }: { batch: Batch; onClose: (signed: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // A remote certificate: the approval happens on the person's phone (the function answers 202 until then).
  const [waiting, setWaiting] = useState<string>();
  const open = useRef(true);
  useEffect(() => () => { open.current = false; }, []);
  const progress = useQuery({
    queryKey: ['signing-batch', batch.batch_id],
    queryFn: async () => {
      const { data, error: e } = await supabase.from('signing_batches').select('status, total, certificates(provider)').eq('id', batch.batch_id).single();
      if (e) throw e;
      const { count } = await supabase.from('signing_batch_items').select('seq', { count: 'exact', head: true }).eq('batch_id', batch.batch_id).neq('status', 'pending');
      const row = data as unknown as { status: string; total: number; certificates: { provider: string } | null };
      return { status: row.status, total: row.total, done: count ?? 0, remote: row.certificates?.provider === 'remote' };
    },
    refetchInterval: (q) => (q.state.data?.status === 'preparing' || !q.state.data ? 1000 : false),
  });
  const state = progress.data;
  const ready = state?.status === 'awaiting_approval';
  const approve = async (): Promise<void> => {
    if (!state?.remote && !PIN.test(pin)) return setError(t('signing.pin_rule'));
    setBusy(true);
    setError(undefined);
    const { data, error: e } = await supabase.functions.invoke('sign', { body: { action: 'approve', batch_id: batch.batch_id, ...(state?.remote ? {} : { pin }) } });
    setBusy(false);
    if (e) {
      setWaiting(undefined);
      return setError(await functionErrorMessage(e));
    }
    const answer = data as { status?: string; message?: string; signed?: number; again?: number };
    if (answer.status === 'pending') {
      // Asked again every few seconds until the person answers on the phone (or the request expires).
      setWaiting(answer.message);
      setTimeout(() => { if (open.current) void approve(); }, 3000);
      return;
    }
    setWaiting(undefined);
    message.success(t('signing.signed', { signed: answer.signed ?? 0 }));
    if (answer.again) message.warning(t('signing.again', { count: answer.again }));
    onClose(true);
  };
  return (
    <Modal open title={t('signing.approve_title', { label: batch.label })} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Flex vertical gap={12} data-testid="signing-batch">
        {!ready ? (
          <>
            <Progress percent={state ? Math.round((100 * state.done) / Math.max(state.total, 1)) : 0} status="active" />
            <Typography.Text data-testid="signing-preparing">{t('signing.preparing', { done: state?.done ?? 0, total: state?.total ?? batch.total })}</Typography.Text>
          </>
        ) : state.remote ? (
          <Flex vertical gap={8}>
            <Typography.Paragraph>{t('signing.remote_hint', { total: state.total })}</Typography.Paragraph>
            {waiting ? <Alert type="info" showIcon message={waiting} data-testid="signing-waiting" /> : null}
            {error ? <Alert type="error" showIcon message={error} /> : null}
            <Button type="primary" loading={busy || !!waiting} onClick={() => void approve()} data-testid="signing-approve">{t('signing.remote_send')}</Button>
          </Flex>
        ) : (
          <Form layout="vertical" onFinish={() => void approve()}>
            <Typography.Paragraph>{t('signing.approve_hint', { total: state.total })}</Typography.Paragraph>
            <Form.Item label={t('signing.pin')} validateStatus={error ? 'error' : undefined} help={error}>
              <Input.Password autoFocus inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.trim())} data-testid="signing-pin" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="signing-approve">{t('signing.approve')}</Button>
          </Form>
        )}
      </Flex>
    </Modal>
  );
}

/** Hộp ký: what waits for the caller's signature (my_signing_inbox), in order of the windows' ends. */
function InboxTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [batch, setBatch] = useState<Batch>();
  const [starting, setStarting] = useState<string>();
  const inbox = useQuery({
    queryKey: ['my_signing_inbox'],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('my_signing_inbox');
      if (error) throw error;
      return data as unknown as InboxItem[];
    },
  });
  const key = (i: InboxItem) => `${i.class_id}:${i.document}:${i.role}:${i.subject_id ?? ''}`;
  const start = async (item: InboxItem) => {
    setStarting(key(item));
    const { data, error } = await supabase.functions.invoke('sign', {
      body: { action: 'start', class_id: item.class_id, role: item.role, document: item.document, ...(item.subject_id ? { subject_id: item.subject_id } : {}) },
    });
    setStarting(undefined);
    if (error) return message.error(await functionErrorMessage(error));
    setBatch(data as Batch);
  };
  return (
    <Flex vertical gap={12}>
      <Table<InboxItem>
        data-testid="signing-inbox"
        rowKey={key}
        size="small"
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('signing.inbox_empty')} /> }}
        columns={[
          { title: t('signing.class'), key: 'class', render: (_: unknown, i: InboxItem) => `${i.class_name} (${i.year_code})` },
          { title: t('signing.document'), dataIndex: 'document', render: (d: SignedDocument) => t(`signing.documents.${d}`) },
          { title: t('signing.what'), key: 'what', render: (_: unknown, i: InboxItem) => roleLabel(t, i) },
          { title: t('signing.files'), key: 'files', render: (_: unknown, i: InboxItem) => t('signing.files_value', { unsigned: i.unsigned, files: i.files }) },
          { title: t('signing.window'), key: 'window', render: (_: unknown, i: InboxItem) => t('signing.window_value', { from: formatDate(i.opens_on), to: formatDate(i.closes_on) }) },
          {
            title: t('signing.state'), key: 'state',
            render: (_: unknown, i: InboxItem) => !i.open ? <Tag>{t('signing.closed')}</Tag>
              : i.pending.length ? <Typography.Text type="secondary">{t('signing.not_turn', { pending: i.pending.join(', ') })}</Typography.Text>
              : <Tag color="processing">{t('signing.turn')}</Tag>,
          },
          {
            key: 'sign',
            render: (_: unknown, i: InboxItem) => (
              // Out of turn the button stays: the database's refusal names who is pending.
              <ActionButton resource="signing" action="sign" allowed={i.open} type="primary" loading={starting === key(i)}
                onClick={() => void start(i)} data-testid={`sign-${i.year_code}-${i.class_name}-${i.document === 'gradebook' ? 'gradebook-' : ''}${i.role}${i.subject_name ? `-${i.subject_name}` : ''}`}>
                {i.document === 'gradebook' ? t('signing.sign_gradebook') : t('signing.sign', { count: i.unsigned })}
              </ActionButton>
            ),
          },
        ]}
      />
      {batch ? <BatchModal batch={batch} onClose={(signed) => { setBatch(undefined); if (signed) void inbox.refetch(); }} /> : null}
    </Flex>
  );
}

/** Tình trạng ký của lớp: class_signature_board, and the principal's window (open_signing_window). */
function BoardTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const [classId, setClassId] = useState<string>();
  const [signedDoc, setSignedDoc] = useState<SignedDocument>('transcripts');
  const [windowOpen, setWindowOpen] = useState(false);
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; after: boolean }>();
  const cls = classes.find((c) => c.id === classId);
  const board = useQuery({
    queryKey: ['class_signature_board', classId, signedDoc],
    enabled: !!classId,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('class_signature_board', { p_class_id: classId!, p_document: signedDoc });
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Board;
    },
  });
  const b = board.data;
  const openWindow = async (v: { range: [Dayjs, Dayjs]; after: boolean }) => {
    const { error } = await supabase.rpc('open_signing_window', {
      p_class_id: classId!, p_opens_on: v.range[0].format('YYYY-MM-DD'), p_closes_on: v.range[1].format('YYYY-MM-DD'), p_homeroom_after_teachers: v.after,
    });
    if (error) return message.error(errorMessage(error));
    message.success(t('signing.window_opened'));
    setWindowOpen(false);
    void board.refetch();
  };
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <YearSelect years={years} value={year?.id} onChange={(id) => { setYearId(id); setClassId(undefined); }} />
        <ClassSelect classes={classes} value={classId} onChange={setClassId} testId="board-class" />
        <Select aria-label={t('signing.document')} data-testid="board-document" style={{ minWidth: 200 }} value={signedDoc} onChange={setSignedDoc}
          options={(['transcripts', 'gradebook'] as const).map((d) => ({ value: d, label: t(`signing.documents.${d}`) }))} />
        <ActionButton resource="signing" action="approve" row={cls ? { school_id: cls.school_id, class_id: cls.id } : undefined} disabled={!cls}
          onClick={() => { form.setFieldsValue({ range: b?.window ? [dayjs(b.window.opens_on), dayjs(b.window.closes_on)] : undefined, after: b?.window?.homeroom_after_teachers ?? false }); setWindowOpen(true); }}
          data-testid="open-window">
          {t('signing.open_window')}
        </ActionButton>
      </Space>
      {!classId ? <Typography.Text type="secondary">{t('signing.board_pick')}</Typography.Text> : null}
      {board.error ? <Alert type="error" showIcon message={(board.error as Error).message} /> : null}
      {b ? (
        <>
          <Space direction="vertical" size={0} data-testid="board-window">
            <Typography.Text>{b.window ? t('signing.board_window', { from: formatDate(b.window.opens_on), to: formatDate(b.window.closes_on) }) : t('signing.board_no_window')}</Typography.Text>
            {b.window?.homeroom_after_teachers ? <Typography.Text type="secondary">{t('signing.board_after_teachers')}</Typography.Text> : null}
            <Typography.Text type="secondary">{t('signing.board_files', { archived: b.archived, files: b.files })}</Typography.Text>
          </Space>
          <Table<BoardSigner>
            data-testid="signing-board"
            rowKey={(s) => `${s.role}:${s.subject_id ?? ''}`}
            size="small"
            pagination={false}
            dataSource={b.signers ?? []}
            columns={[
              { title: t('signing.signer'), dataIndex: 'label' },
              { title: t('signing.people'), dataIndex: 'people' },
              {
                title: t('signing.signed_count'), key: 'signed',
                render: (_: unknown, s: BoardSigner) => <Tag color={s.signed >= b.files && b.files > 0 ? 'success' : s.signed ? 'processing' : 'default'}>{t('signing.signed_value', { signed: s.signed, files: b.files })}</Tag>,
              },
              { title: t('signing.last_signed'), dataIndex: 'last_signed_at', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            ]}
          />
        </>
      ) : null}
      <Modal open={windowOpen} title={t('signing.open_window')} onCancel={() => setWindowOpen(false)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'open-window-ok' } as ButtonProps} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void openWindow(v)}>
          <Form.Item name="range" label={`${t('signing.opens_on')} – ${t('signing.closes_on')}`} rules={[{ required: true }]}>
            <DatePicker.RangePicker format="DD/MM/YYYY" data-testid="window-range" />
          </Form.Item>
          <Form.Item name="after" valuePropName="checked">
            <Checkbox>{t('signing.after_teachers')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

interface ProviderRow { provider: 'vnpt_smartca' | 'viettel_mysign' | 'other'; base_url: string; client_id: string; configured_at: string }
interface ProviderForm { provider: ProviderRow['provider']; base_url: string; client_id: string; client_secret: string; trusted_root_pem: string }

/**
 * Dịch vụ ký số từ xa (the admin board): the school's account at a licensed CA's remote signing service —
 * production signs this way; without one the school has only the development CA, which nobody outside trusts.
 */
function ProviderCard({ school }: { school: string | undefined }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<ProviderForm>();
  const current = useQuery({
    queryKey: ['signing_providers', school],
    enabled: !!school,
    queryFn: async () => {
      const { data, error } = await supabase.from('signing_providers').select('provider, base_url, client_id, configured_at').eq('school_id', school!).maybeSingle();
      if (error) throw new Error(errorMessage(error));
      return data as ProviderRow | null;
    },
  });
  const save = async (v: ProviderForm) => {
    const { error } = await supabase.functions.invoke('sign', { body: { action: 'configure_provider', school_id: school, ...v } });
    if (error) return message.error(await functionErrorMessage(error));
    message.success(t('signing.provider_saved'));
    setEditing(false);
    void current.refetch();
  };
  const p = current.data;
  return (
    <>
      <Alert
        type={p ? 'success' : 'warning'}
        showIcon
        data-testid="signing-provider"
        message={p ? t('signing.provider_current', { provider: t(`signing.providers.${p.provider}`), url: p.base_url, client: p.client_id, at: formatDateTime(p.configured_at) }) : t('signing.provider_none')}
        action={
          <ActionButton resource="signing" action="create" row={school ? { school_id: school } : undefined} size="small"
            onClick={() => { form.setFieldsValue(p ? { provider: p.provider, base_url: p.base_url, client_id: p.client_id } : { provider: 'vnpt_smartca' }); setEditing(true); }}>
            {t('signing.provider_configure')}
          </ActionButton>
        }
      />
      <Modal open={editing} title={t('signing.provider_configure')} onCancel={() => setEditing(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="provider" label={t('signing.provider')} rules={[{ required: true }]}>
            <Select options={(['vnpt_smartca', 'viettel_mysign', 'other'] as const).map((v) => ({ value: v, label: t(`signing.providers.${v}`) }))} />
          </Form.Item>
          <Form.Item name="base_url" label={t('signing.provider_url')} rules={[{ required: true }]}><Input placeholder="https://" /></Form.Item>
          <Form.Item name="client_id" label={t('signing.provider_client')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="client_secret" label={t('signing.provider_secret')} rules={[{ required: true }]}><Input.Password autoComplete="off" /></Form.Item>
          <Form.Item name="trusted_root_pem" label={t('signing.provider_root')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} placeholder="-----BEGIN CERTIFICATE-----" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Chứng thư số: the school's certificates; the admin board requests and revokes, a holder activates. */
function CertificatesTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { data: canCreate } = useCan({ resource: 'signing', action: 'create' });
  const [requesting, setRequesting] = useState(false);
  const [requestFor, setRequestFor] = useState<string>();
  const [revoking, setRevoking] = useState<CertificateRow>();
  const [reason, setReason] = useState('');
  const [activating, setActivating] = useState<RequestRow & { remote?: boolean }>();
  const [credential, setCredential] = useState('');
  const [pins, setPins] = useState({ a: '', b: '' });
  const [pinError, setPinError] = useState<string>();
  const certificates = useQuery({
    queryKey: ['certificates'],
    queryFn: async () => {
      const { data, error } = await supabase.from('certificates').select('id, kind, school_id, profile_id, serial, subject, not_before, not_after, status')
        .in('kind', ['person', 'organisation']).order('status').order('subject');
      if (error) throw new Error(errorMessage(error));
      return data as CertificateRow[];
    },
  });
  const { data: identity } = useGetIdentity<Identity>();
  const requests = useQuery({
    queryKey: ['certificate_requests'],
    queryFn: async () => {
      const { data, error } = await supabase.from('certificate_requests').select('id, kind, school_id, profile_id, status').eq('status', 'pending');
      if (error) throw new Error(errorMessage(error));
      return data as RequestRow[];
    },
  });
  // The staff the board may request a certificate for: this year's staff of its school.
  const { year } = useSchoolYear();
  const staff = useYearStaff(canCreate?.can ? year?.id : undefined, STAFF_ROLES);
  const school = year?.school_id;
  const mine = (requests.data ?? []).filter((r) => r.profile_id === identity?.id || r.kind === 'organisation');
  useEffect(() => { if (!activating) setPins({ a: '', b: '' }); }, [activating]);

  const request = async () => {
    if (!school) return;
    const { error } = await supabase.rpc('request_certificate', { p_school_id: school, ...(requestFor && requestFor !== 'organisation' ? { p_profile_id: requestFor } : {}) });
    if (error) return message.error(errorMessage(error));
    message.success(t('signing.requested'));
    setRequesting(false);
    setRequestFor(undefined);
    void requests.refetch();
  };
  const revoke = async () => {
    const { error } = await supabase.functions.invoke('sign', { body: { action: 'revoke', certificate_id: revoking!.id, reason } });
    if (error) return message.error(await functionErrorMessage(error));
    message.success(t('signing.revoked'));
    setRevoking(undefined);
    setReason('');
    void certificates.refetch();
  };
  // Whether the school signs through a remote provider decides what the holder gives: a PIN or a credential id.
  const startActivation = async (r: RequestRow) => {
    const { data, error } = await supabase.rpc('certificate_activation', { p_request_id: r.id });
    if (error) return message.error(errorMessage(error));
    setCredential('');
    setActivating({ ...r, remote: (data as { remote?: boolean }).remote === true });
  };
  const activate = async () => {
    if (activating!.remote && !credential.trim()) return setPinError(t('signing.credential_needed'));
    if (!activating!.remote && !PIN.test(pins.a)) return setPinError(t('signing.pin_rule'));
    if (!activating!.remote && pins.a !== pins.b) return setPinError(t('signing.pin_mismatch'));
    const { error } = await supabase.functions.invoke('sign', {
      body: { action: 'activate', request_id: activating!.id, ...(activating!.remote ? { credential_id: credential.trim() } : { pin: pins.a }) },
    });
    if (error) return setPinError(await functionErrorMessage(error));
    message.success(t('signing.activated'));
    setActivating(undefined);
    setPinError(undefined);
    void requests.refetch();
    void certificates.refetch();
  };
  return (
    <Flex vertical gap={12}>
      {canCreate?.can ? <ProviderCard school={school} /> : null}
      {mine.length ? (
        <Alert type="warning" showIcon message={t('signing.my_requests')} description={
          <Space wrap>
            {mine.map((r) => (
              <Button key={r.id} type="primary" onClick={() => void startActivation(r)} data-testid={`activate-${r.kind}`}>
                {t('signing.activate')} – {t(`signing.cert_kinds.${r.kind}`)}
              </Button>
            ))}
          </Space>
        } />
      ) : null}
      <Space>
        <ActionButton resource="signing" action="create" row={school ? { school_id: school } : undefined} onClick={() => setRequesting(true)} data-testid="request-certificate">
          {t('signing.request')}
        </ActionButton>
      </Space>
      <Table<CertificateRow>
        data-testid="certificates-table"
        rowKey="id"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        loading={certificates.isLoading}
        dataSource={certificates.data ?? []}
        columns={[
          { title: t('signing.cert_owner'), dataIndex: 'subject' },
          { title: t('signing.cert_kind'), dataIndex: 'kind', render: (k: CertificateRow['kind']) => t(`signing.cert_kinds.${k}`) },
          { title: t('signing.serial'), dataIndex: 'serial', render: (s: string) => <Typography.Text code>{s.slice(0, 16)}…</Typography.Text> },
          { title: t('signing.validity'), key: 'validity', render: (_: unknown, c: CertificateRow) => t('signing.window_value', { from: formatDate(c.not_before), to: formatDate(c.not_after) }) },
          { title: t('signing.status'), dataIndex: 'status', render: (s: CertificateRow['status']) => <Tag color={s === 'active' ? 'success' : 'error'}>{t(`signing.statuses.${s}`)}</Tag> },
          {
            key: 'revoke',
            render: (_: unknown, c: CertificateRow) => (
              <ActionButton resource="signing" action="delete" row={c.school_id ? { school_id: c.school_id } : undefined} allowed={c.status === 'active'} size="small" danger
                onClick={() => setRevoking(c)}>
                {t('signing.revoke')}
              </ActionButton>
            ),
          },
        ]}
      />
      <Modal open={requesting} title={t('signing.request')} onCancel={() => setRequesting(false)} onOk={() => void request()} okButtonProps={{ disabled: !requestFor, 'data-testid': 'request-ok' } as ButtonProps} destroyOnHidden>
        <Select showSearch optionFilterProp="label" style={{ width: '100%' }} placeholder={t('signing.request_for')} value={requestFor} onChange={setRequestFor} data-testid="request-for"
          options={[{ value: 'organisation', label: t('signing.request_organisation') }, ...staff]} />
      </Modal>
      <Modal open={!!revoking} title={`${t('signing.revoke')}: ${revoking?.subject ?? ''}`} onCancel={() => setRevoking(undefined)} onOk={() => void revoke()} okButtonProps={{ danger: true, disabled: !reason.trim() }} destroyOnHidden>
        <Input.TextArea placeholder={t('signing.revoke_reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal open={!!activating} title={t('signing.activate')} onCancel={() => setActivating(undefined)} onOk={() => void activate()} okButtonProps={{ 'data-testid': 'activate-ok' } as ButtonProps} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t(activating?.remote ? 'signing.activate_remote_hint' : 'signing.activate_hint')}</Typography.Paragraph>
        {activating?.remote ? (
          <Form layout="vertical">
            <Form.Item label={t('signing.credential')} validateStatus={pinError ? 'error' : undefined} help={pinError}>
              <Input autoComplete="off" value={credential} onChange={(e) => setCredential(e.target.value)} data-testid="activate-credential" />
            </Form.Item>
          </Form>
        ) : (
          <Form layout="vertical">
            <Form.Item label={t('signing.pin')} validateStatus={pinError ? 'error' : undefined} help={pinError}>
              <Input.Password inputMode="numeric" autoComplete="off" value={pins.a} onChange={(e) => setPins({ ...pins, a: e.target.value.trim() })} data-testid="activate-pin" />
            </Form.Item>
            <Form.Item label={t('signing.pin_again')}>
              <Input.Password inputMode="numeric" autoComplete="off" value={pins.b} onChange={(e) => setPins({ ...pins, b: e.target.value.trim() })} data-testid="activate-pin-again" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Flex>
  );
}

/**
 * The signed-in person's own certificate revoked (a forgotten PIN, a person leaving) and none active: told
 * here, with the reason, until a new one is issued (the revocation itself is in the audit log).
 */
function RevokedNotice() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const mine = useQuery({
    queryKey: ['my-certificates', identity?.id],
    enabled: !!identity?.id,
    queryFn: async () => {
      const { data, error } = await supabase.from('certificates').select('status, revoked_at, revocation_reason').eq('kind', 'person').eq('profile_id', identity!.id)
        .order('created_at', { ascending: false });
      if (error) throw new Error(errorMessage(error));
      return data as { status: string; revoked_at: string | null; revocation_reason: string | null }[];
    },
  });
  const latest = mine.data?.[0];
  if (!latest || latest.status !== 'revoked') return null;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="certificate-revoked"
      message={t('signing.revoked_notice', { at: formatDateTime(latest.revoked_at), reason: latest.revocation_reason ?? '' })} />
  );
}

/**
 * Ký số: each signer's inbox and batches, a class's signature board and window, the certificates. The
 * database decides every step (the signing RPCs, check_signature) and the sign function does the
 * cryptography; the screen shows what the caller may do and the database's sentences.
 */
export function SigningPage() {
  const t = useTranslate();
  return (
    <div data-testid="signing-page">
      <Typography.Title level={3}>{t('menu.signing')}</Typography.Title>
      <Alert type="info" showIcon message={t('signing.page_hint')} style={{ marginBottom: 12 }} />
      <RevokedNotice />
      <Tabs
        items={[
          { key: 'inbox', label: t('signing.tab_inbox'), children: <InboxTab /> },
          { key: 'board', label: t('signing.tab_board'), children: <BoardTab /> },
          { key: 'certificates', label: t('signing.tab_certificates'), children: <CertificatesTab /> },
        ]}
      />
    </div>
  );
}
