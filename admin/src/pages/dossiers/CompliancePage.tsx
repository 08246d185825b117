import { useCan, useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear, type SchoolYear } from '../../components/useSchoolYear.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { ComplianceTable } from './ComplianceTable.tsx';
import { TextModal } from './DossierParts.tsx';
import { callDossiers, openLink } from './useDossiers.ts';

interface CheckForm { kind: 'weekly' | 'monthly'; department_id?: string; on: Dayjs; conclusion?: string; follow_up?: string }
interface CheckRow { id: string; kind: string; checked_on: string; findings: string; follow_up: string | null; period_start: string | null; period_end: string | null; checker: { full_name: string | null } | null }

/** Lập biên bản kiểm tra: a weekly or monthly round (rpc record_dossier_check), confirmed before it is recorded. */
function CheckModal({ year, onClose }: { year: SchoolYear; onClose: (recorded: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const { data: identity } = useGetIdentity<Identity>();
  const [form] = Form.useForm<CheckForm>();
  const [error, setError] = useState<string>();
  const bgh = identity?.roles.some((r) => r === 'principal' || r === 'vice_principal') ?? false;
  const departments = useQuery({
    queryKey: ['departments', year.school_id],
    queryFn: async () => {
      const { data, error: e } = await supabase.from('departments').select('id, name').eq('school_id', year.school_id).order('name');
      if (e) throw new Error(errorMessage(e));
      return data;
    },
  });
  // A Tổ trưởng checks their own department; BGH the school or a department.
  const own = identity?.scope.department_ids ?? [];
  const options = (departments.data ?? []).filter((d) => bgh || own.includes(d.id)).map((d) => ({ value: d.id, label: d.name }));
  const record = async (v: CheckForm) => {
    const { error: e } = await supabase.rpc('record_dossier_check', {
      p_school_year_id: year.id, p_kind: v.kind, p_on: v.on.format('YYYY-MM-DD'),
      ...(v.department_id ? { p_department_id: v.department_id } : {}),
      ...(v.conclusion?.trim() ? { p_conclusion: v.conclusion.trim() } : {}),
      ...(v.follow_up?.trim() ? { p_follow_up: v.follow_up.trim() } : {}),
    });
    if (e) return setError(errorMessage(e));
    message.success(t('dossiers.checks.recorded'));
    onClose(true);
  };
  const confirm = (v: CheckForm) => {
    const department = options.find((o) => o.value === v.department_id)?.label ?? t('dossiers.checks.whole_school');
    modal.confirm({
      title: t('dossiers.checks.confirm_title'),
      content: t('dossiers.checks.confirm', { kind: t(`dossiers.checks.kinds.${v.kind}`), on: v.on.format('DD/MM/YYYY'), scope: department }),
      okText: t('dossiers.checks.record'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'dossier-check-confirm' } as ButtonProps,
      onOk: () => record(v),
    });
  };
  return (
    <Modal open title={t('dossiers.checks.create')} onCancel={() => onClose(false)} onOk={() => form.submit()} okText={t('dossiers.checks.next')}
      cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'dossier-check-ok' } as ButtonProps} destroyOnHidden>
      <Form<CheckForm> form={form} layout="vertical" onFinish={confirm} data-testid="dossier-check-form"
        initialValues={{ kind: 'monthly', on: identity?.today ? dayjs(identity.today) : undefined, department_id: bgh ? undefined : own[0] }}>
        <Form.Item name="kind" label={t('dossiers.checks.kind')} rules={[{ required: true }]}>
          <Radio.Group data-testid="dossier-check-kind" options={(['weekly', 'monthly'] as const).map((k) => ({ value: k, label: t(`dossiers.checks.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('dossiers.checks.on')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="department_id" label={t('dossiers.checks.department')} rules={bgh ? [] : [{ required: true }]}>
          <Select allowClear={bgh} placeholder={t('dossiers.checks.whole_school')} options={options} data-testid="dossier-check-department" />
        </Form.Item>
        <Form.Item name="conclusion" label={t('dossiers.checks.conclusion')}>
          <Input.TextArea rows={3} data-testid="dossier-check-conclusion" />
        </Form.Item>
        <Form.Item name="follow_up" label={t('dossiers.checks.follow_up')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {error ? <Alert type="error" showIcon message={error} data-testid="dossier-check-error" /> : null}
      </Form>
    </Modal>
  );
}

/** The compliance table and the biên bản kiểm tra recorded over the dossiers (inspections, scope dossiers). */
function TableTab({ year }: { year: SchoolYear }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const [checking, setChecking] = useState(false);
  const checks = useQuery({
    queryKey: ['dossier-checks', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.from('inspections')
        .select('id, kind, checked_on, findings, follow_up, period_start, period_end, checker:profiles!inspections_checked_by_fkey(full_name)')
        .eq('school_year_id', year.id).eq('scope', 'dossiers').order('created_at', { ascending: false });
      if (error) throw new Error(errorMessage(error));
      return data as unknown as CheckRow[];
    },
  });
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <ActionButton resource="dossier_compliance" action="create" row={{ school_id: year.school_id }} type="primary" onClick={() => setChecking(true)} data-testid="dossier-check">
          {t('dossiers.checks.create')}
        </ActionButton>
      </Space>
      <ComplianceTable yearId={year.id} />
      <Typography.Title level={5}>{t('dossiers.checks.title')}</Typography.Title>
      <Table<CheckRow>
        data-testid="dossier-checks"
        rowKey="id"
        size="small"
        loading={checks.isLoading}
        dataSource={checks.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('dossiers.checks.none')} /> }}
        columns={[
          { title: t('dossiers.checks.checked_on'), dataIndex: 'checked_on', width: 110, render: (d: string) => formatDate(d) },
          { title: t('dossiers.checks.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`dossiers.checks.kinds.${k === 'weekly' ? 'weekly' : 'monthly'}`) },
          { title: t('dossiers.checks.checker'), key: 'checker', render: (_: unknown, c: CheckRow) => c.checker?.full_name ?? '' },
          { title: t('dossiers.checks.findings'), dataIndex: 'findings' },
          { title: t('dossiers.checks.follow_up'), dataIndex: 'follow_up' },
        ]}
      />
      {checking ? <CheckModal year={year} onClose={(recorded) => { setChecking(false); if (recorded) void checks.refetch(); }} /> : null}
    </Flex>
  );
}

interface ReopenRow {
  id: string; reason: string; status: 'pending' | 'granted' | 'refused'; created_at: string; decided_at: string | null; decision_note: string | null; school_id: string;
  obligation: { label: string; item: { name: string } | null } | null;
  requester: { full_name: string | null } | null;
  decider: { full_name: string | null } | null;
}
const REOPEN_COLORS = { pending: 'gold', granted: 'green', refused: 'red' } as const;

/** Đề nghị sửa hồ sơ đã duyệt: pending first; BGH grants or refuses (rpc decide_dossier_reopen). */
function ReopenTab({ year }: { year: SchoolYear }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [refusing, setRefusing] = useState<ReopenRow>();
  const [busy, setBusy] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const requests = useQuery({
    queryKey: ['dossier_reopen_requests', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.from('dossier_reopen_requests')
        .select(`id, reason, status, created_at, decided_at, decision_note, school_id, obligation:dossier_obligations(label, item:dossier_items(name)),
                 requester:profiles!dossier_reopen_requests_requested_by_fkey(full_name), decider:profiles!dossier_reopen_requests_decided_by_fkey(full_name)`)
        .eq('school_year_id', year.id).order('created_at', { ascending: false });
      if (error) throw new Error(errorMessage(error));
      const order = { pending: 0, granted: 1, refused: 1 };
      return (data as unknown as ReopenRow[]).sort((a, b) => order[a.status] - order[b.status]);
    },
  });
  const decide = async (r: ReopenRow, grant: boolean, note?: string): Promise<string | undefined> => {
    setBusy(`${grant}-${r.id}`);
    setRefusal(undefined);
    const { error } = await supabase.rpc('decide_dossier_reopen', { p_request_id: r.id, p_grant: grant, ...(note ? { p_note: note } : {}) });
    setBusy(undefined);
    if (error) {
      const text = errorMessage(error);
      if (grant) setRefusal(text);
      return text;
    }
    setRefusing(undefined);
    message.success(t(grant ? 'dossiers.reopen.granted' : 'dossiers.reopen.refused'));
    void requests.refetch();
    return undefined;
  };
  const what = (r: ReopenRow) => `${r.obligation?.item?.name ?? ''} — ${r.obligation?.label ?? ''}`;
  return (
    <Flex vertical gap={12}>
      {refusal ? <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} message={refusal} /> : null}
      {requests.error ? <Alert type="error" showIcon message={(requests.error as Error).message} /> : null}
      <Table<ReopenRow>
        data-testid="dossier-reopen-requests"
        rowKey="id"
        size="small"
        loading={requests.isLoading}
        dataSource={requests.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('dossiers.reopen.none')} /> }}
        onRow={(r) => ({ 'data-testid': `reopen-row-${r.status}` } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('dossiers.reopen.requested_by'), key: 'who', render: (_: unknown, r: ReopenRow) => r.requester?.full_name ?? '' },
          { title: t('dossiers.fields.item'), key: 'what', render: (_: unknown, r: ReopenRow) => what(r) },
          { title: t('dossiers.reopen.reason'), dataIndex: 'reason' },
          { title: t('dossiers.reopen.requested_at'), dataIndex: 'created_at', render: (d: string) => formatDateTime(d) },
          {
            title: t('dossiers.fields.status'), key: 'status',
            render: (_: unknown, r: ReopenRow) => (
              <Flex vertical>
                <span><Tag color={REOPEN_COLORS[r.status]}>{t(`dossiers.reopen.statuses.${r.status}`)}</Tag></span>
                {r.decided_at ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.decider?.full_name ?? ''} · {formatDateTime(r.decided_at)}{r.decision_note ? ` · ${r.decision_note}` : ''}</Typography.Text> : null}
              </Flex>
            ),
          },
          {
            title: t('common.actions'), key: 'actions',
            render: (_: unknown, r: ReopenRow) => (
              <Space size={4}>
                <ActionButton resource="dossier_compliance" action="approve" row={{ school_id: r.school_id }} allowed={r.status === 'pending'} size="small" type="primary"
                  loading={busy === `true-${r.id}`} onClick={() => void decide(r, true)} data-testid="reopen-grant">
                  {t('dossiers.reopen.grant')}
                </ActionButton>
                <ActionButton resource="dossier_compliance" action="approve" row={{ school_id: r.school_id }} allowed={r.status === 'pending'} size="small" danger
                  onClick={() => setRefusing(r)} data-testid="reopen-refuse">
                  {t('dossiers.reopen.refuse')}
                </ActionButton>
              </Space>
            ),
          },
        ]}
      />
      {refusing ? (
        <TextModal title={t('dossiers.reopen.refuse_title', { what: what(refusing) })} label={t('dossiers.reopen.note')} okText={t('dossiers.reopen.refuse')} min={3} danger
          onOk={(text) => decide(refusing, false, text)} onClose={() => setRefusing(undefined)} testId="reopen-refuse" />
      ) : null}
    </Flex>
  );
}

interface LockRow { id: string; semester: number | null; locked_at: string; locker: { full_name: string | null } | null }

/** Khoá hồ sơ: the principal locks a semester's or the year's dossiers (rpc lock_dossiers), confirmed; never unlocked. */
function LocksTab({ year }: { year: SchoolYear }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const [which, setWhich] = useState<'1' | '2' | 'year'>('1');
  const locks = useQuery({
    queryKey: ['dossier_locks', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.from('dossier_locks').select('id, semester, locked_at, locker:profiles!dossier_locks_locked_by_fkey(full_name)')
        .eq('school_year_id', year.id).order('locked_at');
      if (error) throw new Error(errorMessage(error));
      return data as unknown as LockRow[];
    },
  });
  const label = (semester: number | null) => t(semester === 1 ? 'dossiers.locks.semester1' : semester === 2 ? 'dossiers.locks.semester2' : 'dossiers.locks.year');
  const lock = () => {
    const semester = which === 'year' ? null : Number(which);
    modal.confirm({
      title: t('dossiers.locks.confirm_title'),
      content: t('dossiers.locks.confirm', { what: label(semester), year: year.code }),
      okText: t('dossiers.locks.lock'),
      okButtonProps: { danger: true, 'data-testid': 'dossier-lock-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        const { data, error } = await supabase.rpc('lock_dossiers', { p_school_year_id: year.id, ...(semester ? { p_semester: semester } : {}) });
        if (error) {
          message.error(errorMessage(error));
          return;
        }
        message.success(t('dossiers.locks.locked', { what: label(semester), count: (data as { locked?: number } | null)?.locked ?? 0 }));
        void locks.refetch();
      },
    });
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon message={t('dossiers.locks.hint')} />
      <Space wrap>
        <Select<'1' | '2' | 'year'> value={which} onChange={setWhich} style={{ minWidth: 180 }} data-testid="dossier-lock-scope"
          options={[{ value: '1', label: label(1) }, { value: '2', label: label(2) }, { value: 'year', label: label(null) }]} />
        <ActionButton resource="dossier_compliance" action="lock" row={{ school_id: year.school_id }} danger onClick={lock} data-testid="dossier-lock">
          {t('dossiers.locks.lock')}
        </ActionButton>
      </Space>
      <Table<LockRow>
        data-testid="dossier-locks"
        rowKey="id"
        size="small"
        pagination={false}
        loading={locks.isLoading}
        dataSource={locks.data ?? []}
        locale={{ emptyText: <Empty description={t('dossiers.locks.none')} /> }}
        columns={[
          { title: t('dossiers.locks.what'), dataIndex: 'semester', render: (s: number | null) => label(s) },
          { title: t('dossiers.locks.locked_by'), key: 'by', render: (_: unknown, l: LockRow) => l.locker?.full_name ?? '' },
          { title: t('dossiers.locks.locked_at'), dataIndex: 'locked_at', render: (d: string) => formatDateTime(d) },
        ]}
      />
    </Flex>
  );
}

interface PackageRow { id: string; status: 'building' | 'done' | 'failed'; files: number; parts: number; byte_size: number; manifest_sha256: string | null; created_at: string; finished_at: string | null }

/** Gói lưu trữ cuối năm: started as a job (rpc start_dossier_package), each part and the manifest downloaded through the function. */
function PackagesTab({ year }: { year: SchoolYear }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const packages = useQuery({
    queryKey: ['dossier_packages', year.id],
    queryFn: async () => {
      const { data, error } = await supabase.from('dossier_packages').select('id, status, files, parts, byte_size, manifest_sha256, created_at, finished_at')
        .eq('school_year_id', year.id).order('created_at', { ascending: false });
      if (error) throw new Error(errorMessage(error));
      return data as PackageRow[];
    },
    refetchInterval: (q) => (q.state.data?.some((p) => p.status === 'building') ? 2000 : false),
  });
  const start = () => modal.confirm({
    title: t('dossiers.packages.start'),
    content: t('dossiers.packages.confirm', { year: year.code }),
    okText: t('dossiers.packages.start'),
    cancelText: t('common.cancel'),
    okButtonProps: { 'data-testid': 'dossier-package-confirm' } as ButtonProps,
    onOk: async () => {
      const { data, error } = await supabase.rpc('start_dossier_package', { p_school_year_id: year.id });
      if (error) {
        message.error(errorMessage(error));
        return;
      }
      message.success(t('dossiers.packages.started', { files: (data as { files?: number } | null)?.files ?? 0 }));
      void packages.refetch();
    },
  });
  const download = async (p: PackageRow, part: number) => {
    setBusy(`${p.id}-${part}`);
    const { data, error } = await callDossiers<{ url: string }>(supabase, { action: 'package_file', package_id: p.id, part });
    setBusy(undefined);
    if (error) return message.error(error);
    openLink(data!.url);
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon message={t('dossiers.packages.hint')} />
      <Space>
        <ActionButton resource="dossier_compliance" action="export" row={{ school_id: year.school_id }} onClick={start} data-testid="dossier-package-start">
          {t('dossiers.packages.start')}
        </ActionButton>
      </Space>
      <Table<PackageRow>
        data-testid="dossier-packages"
        rowKey="id"
        size="small"
        pagination={false}
        loading={packages.isLoading}
        dataSource={packages.data ?? []}
        locale={{ emptyText: <Empty description={t('dossiers.packages.none')} /> }}
        columns={[
          { title: t('dossiers.packages.created_at'), dataIndex: 'created_at', render: (d: string) => formatDateTime(d) },
          { title: t('dossiers.fields.status'), dataIndex: 'status', render: (s: PackageRow['status']) => <Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'processing'}>{t(`dossiers.packages.statuses.${s}`)}</Tag> },
          { title: t('dossiers.packages.files'), dataIndex: 'files', align: 'right' },
          { title: 'SHA-256', dataIndex: 'manifest_sha256', render: (s: string | null) => (s ? <Typography.Text code title={s}>{s.slice(0, 12)}…</Typography.Text> : null) },
          {
            title: t('dossiers.packages.download'), key: 'download',
            render: (_: unknown, p: PackageRow) => p.status !== 'done' ? null : (
              <Space size={4} wrap>
                <Button size="small" loading={busy === `${p.id}-0`} onClick={() => void download(p, 0)}>{t('dossiers.packages.manifest')}</Button>
                {Array.from({ length: p.parts }, (_x, i) => i + 1).map((part) => (
                  <Button key={part} size="small" loading={busy === `${p.id}-${part}`} onClick={() => void download(p, part)}>{t('dossiers.packages.part', { part })}</Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/**
 * Theo dõi hồ sơ: the school's (BGH, admin board) or the department's (Tổ trưởng) compliance table with its
 * check rounds, the reopen requests, the principal's locks and the year-end package. Tabs follow the matrix.
 */
export function CompliancePage() {
  const t = useTranslate();
  const { years, year, setYearId } = useSchoolYear();
  const { data: canApprove } = useCan({ resource: 'dossier_compliance', action: 'approve' });
  const { data: canExport } = useCan({ resource: 'dossier_compliance', action: 'export' });
  const { data: identity } = useGetIdentity<Identity>();
  const seesSchool = identity?.roles.some((r) => r === 'principal' || r === 'vice_principal' || r === 'admin_board') ?? false;
  const tabs = !year ? [] : [
    { key: 'table', label: t('dossiers.compliance.tab_table'), children: <TableTab year={year} /> },
    ...(canApprove?.can || seesSchool ? [{ key: 'reopen', label: t('dossiers.compliance.tab_reopen'), children: <ReopenTab year={year} /> }] : []),
    ...(seesSchool ? [{ key: 'locks', label: t('dossiers.compliance.tab_locks'), children: <LocksTab year={year} /> }] : []),
    ...(canExport?.can ? [{ key: 'packages', label: t('dossiers.compliance.tab_packages'), children: <PackagesTab year={year} /> }] : []),
  ];
  return (
    <Flex vertical gap={12} data-testid="dossier-compliance-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('menu.dossier_compliance')}</Typography.Title>
      <Alert type="info" showIcon message={t('dossiers.compliance.hint')} />
      <Space wrap><YearSelect years={years} value={year?.id} onChange={setYearId} /></Space>
      {tabs.length ? <Tabs destroyOnHidden items={tabs} data-testid="dossier-compliance-tabs" /> : null}
    </Flex>
  );
}
