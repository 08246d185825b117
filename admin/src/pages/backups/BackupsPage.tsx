import { CloudDownloadOutlined, DatabaseOutlined, ExportOutlined, HistoryOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, List, Modal, Select, Space, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';

interface Backup {
  id: string;
  school_id: string;
  kind: string;
  label: string;
  status: 'running' | 'done' | 'failed';
  started_at: string;
  snapshot_at: string | null;
  row_count: number | null;
  byte_size: number | null;
  requested_by: string | null;
}
interface Download {
  id: string;
  backup_id: string;
  requested_by: string;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  requested_at: string;
  decision_note: string | null;
  approved_until: string | null;
  links_issued: number;
}
interface Restore {
  id: string;
  backup_id: string;
  requested_by: string;
  reason: string;
  status: 'requested' | 'refused' | 'approved' | 'checked' | 'check_failed' | 'applied' | 'failed';
  requested_at: string;
  decision_note: string | null;
  applied_at: string | null;
  report: { check?: { ok: boolean; chains: number; tables: Record<string, { ok: boolean; rows: number }> } };
}
interface Links {
  label: string;
  expires_at: string;
  files: { kind: string; seq: number; bytes: number; url: string }[];
}
type Ask = { kind: 'download' | 'restore'; backup: Backup } | { kind: 'refuse_download' | 'refuse_restore'; id: string } | { kind: 'approve_restore'; restore: Restore };

const STATUS_COLOR: Record<string, string> = {
  running: 'processing', done: 'success', failed: 'error', requested: 'processing', approved: 'success', refused: 'default',
  checked: 'processing', check_failed: 'error', applied: 'success',
};

const size = (bytes: number | null) => (bytes === null ? '' : `${formatNumber(bytes / 1_048_576, { fractionDigits: 1 })} MB`);

/**
 * Sao lưu và khôi phục (issue 19; migration 20261205020000_backups.sql): IT staff back the school up
 * (per semester, per school year, on demand), ask to download a backup (BGH approve; the links expire)
 * and ask for a restore (the principal decides; the restore is checked before it replaces anything).
 * BGH decide here. Postgres decides every step; the buttons only reflect who may ask.
 */
export function BackupsPage() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const itSchool = identity?.schoolsByRole.it_staff?.[0] ?? null;
  const currentYear = identity?.current.find((m) => m.role === 'it_staff' && m.org_unit_id === itSchool)?.school_year ?? null;
  const principalOf = new Set(identity?.schoolsByRole.principal ?? []);
  const bghOf = new Set([...(identity?.schoolsByRole.principal ?? []), ...(identity?.schoolsByRole.vice_principal ?? [])]);
  const [kind, setKind] = useState<'on_demand' | 'year' | 'semester1' | 'semester2'>('on_demand');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [text, setText] = useState('');
  const [links, setLinks] = useState<Links | null>(null);
  const [yearId, setYearId] = useState<string | null>(null);

  // The school's years (a year's or a semester's backup names one), the current one first chosen.
  const years = useQuery({
    queryKey: ['backups', 'years', itSchool],
    enabled: itSchool !== null,
    queryFn: async () => {
      const { data: rows, error } = await supabase.from('school_years').select('id, code').eq('school_id', itSchool!).order('starts_on', { ascending: false });
      if (error) throw new Error(errorMessage(error));
      return rows;
    },
  });
  const chosenYear = yearId ?? years.data?.find((y) => y.code === currentYear)?.id ?? years.data?.[0]?.id ?? null;
  // Classes of the school's ended years (by the app's today): what a year-end export may take.
  const [classId, setClassId] = useState<string | null>(null);
  const endedClasses = useQuery({
    queryKey: ['backups', 'classes', itSchool, identity?.today],
    enabled: itSchool !== null && !!identity?.today,
    queryFn: async () => {
      const { data: rows, error } = await supabase.from('classes').select('id, name, school_years!inner(code, ends_on)')
        .eq('school_id', itSchool!).lt('school_years.ends_on', identity!.today!).order('name');
      if (error) throw new Error(errorMessage(error));
      return rows.map((c) => ({ value: c.id, label: `${c.name} (${c.school_years.code})`, code: c.school_years.code }))
        .sort((a, b) => b.code.localeCompare(a.code) || a.label.localeCompare(b.label, 'vi'));
    },
  });

  const data = useQuery({
    queryKey: ['backups'],
    queryFn: async () => {
      const [b, d, r] = await Promise.all([
        supabase.from('backups').select('id, school_id, kind, label, status, started_at, snapshot_at, row_count, byte_size, requested_by').order('started_at', { ascending: false }).limit(50),
        supabase.from('backup_downloads').select('id, backup_id, requested_by, reason, status, requested_at, decision_note, approved_until, links_issued').order('requested_at', { ascending: false }).limit(50),
        supabase.from('restore_requests').select('id, backup_id, requested_by, reason, status, requested_at, decision_note, applied_at, report').order('requested_at', { ascending: false }).limit(50),
      ]);
      const error = b.error ?? d.error ?? r.error;
      if (error) throw new Error(errorMessage(error));
      return { backups: b.data as Backup[], downloads: d.data as Download[], restores: r.data as unknown as Restore[] };
    },
    refetchInterval: (q) => {
      const s = q.state.data;
      return s && (s.backups.some((x) => x.status === 'running') || s.restores.some((x) => ['approved', 'checked'].includes(x.status))) ? 2000 : false;
    },
  });
  const backups = data.data?.backups ?? [];
  const labelOf = (id: string) => backups.find((b) => b.id === id)?.label ?? '';
  const schoolOf = (id: string) => backups.find((b) => b.id === id)?.school_id ?? '';

  const run = async (fn: () => PromiseLike<{ error: unknown }>) => {
    setBusy(true);
    setFailure(null);
    const { error } = await fn();
    setBusy(false);
    if (error) {
      setFailure(errorMessage(error));
      return false;
    }
    void data.refetch();
    return true;
  };

  const start = () =>
    itSchool &&
    run(() =>
      supabase.rpc('start_backup', {
        p_school_id: itSchool,
        p_kind: kind.startsWith('semester') ? 'semester' : kind,
        ...(kind === 'on_demand' ? {} : { p_school_year_id: chosenYear ?? undefined }),
        ...(kind.startsWith('semester') ? { p_semester: kind === 'semester1' ? 1 : 2 } : {}),
      }),
    );

  const submitAsk = async () => {
    if (!ask) return;
    let ok = false;
    if (ask.kind === 'download') ok = await run(() => supabase.rpc('request_backup_download', { p_backup_id: ask.backup.id, p_reason: text }));
    if (ask.kind === 'restore') ok = await run(() => supabase.rpc('request_restore', { p_backup_id: ask.backup.id, p_reason: text }));
    if (ask.kind === 'refuse_download') ok = await run(() => supabase.rpc('decide_backup_download', { p_download_id: ask.id, p_approve: false, p_note: text }));
    if (ask.kind === 'refuse_restore') ok = await run(() => supabase.rpc('decide_restore', { p_request_id: ask.id, p_approve: false, p_note: text }));
    if (ask.kind === 'approve_restore') ok = await run(() => supabase.rpc('decide_restore', { p_request_id: ask.restore.id, p_approve: true, p_note: text }));
    if (ok) {
      setAsk(null);
      setText('');
    }
  };

  const getLinks = async (id: string) => {
    setBusy(true);
    setFailure(null);
    const { data: body, error } = await supabase.functions.invoke('backups', { body: { download_id: id } });
    setBusy(false);
    if (error) return setFailure(await functionErrorMessage(error));
    setLinks(body as Links);
    void data.refetch();
  };

  const mine = (by: string | null) => by === identity?.id;
  // What a download request and a restore request both show first: the backup, why, when.
  const requestColumns = [
    { title: t('backups.fields.label'), dataIndex: 'backup_id', render: labelOf },
    { title: t('backups.fields.reason'), dataIndex: 'reason' },
    { title: t('backups.fields.requested_at'), dataIndex: 'requested_at', render: formatDateTime },
  ];

  return (
    <Flex vertical gap={token.marginLG} data-testid="backups-page">
      <Typography.Title level={3}>{t('backups.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('backups.hint')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon message={failure} data-testid="backups-error" closable onClose={() => setFailure(null)} />}
      {data.error && <Alert type="error" showIcon message={(data.error as Error).message} />}

      <Card
        title={t('backups.list')}
        extra={
          itSchool && (
            <Space wrap>
              <Select
                value={kind}
                onChange={setKind}
                style={{ minWidth: 220 }}
                data-testid="backup-kind"
                options={(['on_demand', 'year', 'semester1', 'semester2'] as const).map((k) => ({ value: k, label: t(`backups.kind.${k}`) }))}
              />
              {kind !== 'on_demand' && (
                <Select
                  value={chosenYear}
                  onChange={setYearId}
                  style={{ minWidth: 140 }}
                  data-testid="backup-year"
                  options={(years.data ?? []).map((y) => ({ value: y.id, label: y.code }))}
                />
              )}
              <Button type="primary" icon={<DatabaseOutlined />} loading={busy} onClick={() => void start()} data-testid="backup-start">
                {t('backups.start')}
              </Button>
            </Space>
          )
        }
      >
        <Table<Backup>
          rowKey="id"
          size="small"
          loading={data.isLoading}
          dataSource={backups}
          pagination={false}
          scroll={{ x: true }}
          data-testid="backups-table"
          columns={[
            { title: t('backups.fields.label'), dataIndex: 'label' },
            { title: t('backups.fields.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`backups.status.${s}`)}</Tag> },
            { title: t('backups.fields.snapshot_at'), dataIndex: 'snapshot_at', render: (v: string | null, r) => formatDateTime(v ?? r.started_at) },
            { title: t('backups.fields.rows'), dataIndex: 'row_count', align: 'right', render: (v: number | null) => (v === null ? '' : formatNumber(v)) },
            { title: t('backups.fields.size'), dataIndex: 'byte_size', align: 'right', render: size },
            {
              title: '',
              key: 'actions',
              render: (_, b) =>
                b.status === 'done' && b.school_id === itSchool ? (
                  <Space wrap>
                    <Button size="small" icon={<CloudDownloadOutlined />} onClick={() => setAsk({ kind: 'download', backup: b })} data-testid="backup-ask-download">
                      {t('backups.ask_download')}
                    </Button>
                    {b.kind !== 'class_export' && (
                      <Button size="small" danger icon={<HistoryOutlined />} onClick={() => setAsk({ kind: 'restore', backup: b })} data-testid="backup-ask-restore">
                        {t('backups.ask_restore')}
                      </Button>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      {itSchool && (
        <Card title={t('backups.export.title')}>
          <Typography.Paragraph type="secondary">{t('backups.export.hint')}</Typography.Paragraph>
          <Space wrap>
            <Select
              value={classId}
              onChange={setClassId}
              placeholder={t('backups.export.class')}
              style={{ minWidth: 220 }}
              showSearch
              optionFilterProp="label"
              data-testid="export-class"
              options={endedClasses.data ?? []}
            />
            <Button icon={<ExportOutlined />} loading={busy} disabled={!classId} onClick={() => classId && void run(() => supabase.rpc('start_class_export', { p_class_id: classId }))} data-testid="export-start">
              {t('backups.export.start')}
            </Button>
          </Space>
        </Card>
      )}

      <Card title={t('backups.downloads')}>
        <Table<Download>
          rowKey="id"
          size="small"
          dataSource={data.data?.downloads ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="downloads-table"
          columns={[
            ...requestColumns,
            {
              title: t('backups.fields.status'),
              dataIndex: 'status',
              render: (s: string, d) => (
                <>
                  <Tag color={STATUS_COLOR[s]}>{t(`backups.status.${s}`)}</Tag>
                  {d.approved_until && <Typography.Text type="secondary">{t('backups.until', { time: formatDateTime(d.approved_until) })}</Typography.Text>}
                  {d.decision_note && <Typography.Text type="secondary"> · {d.decision_note}</Typography.Text>}
                </>
              ),
            },
            { title: t('backups.fields.links'), dataIndex: 'links_issued', align: 'right' },
            {
              title: '',
              key: 'actions',
              render: (_, d) => (
                <Space wrap>
                  {d.status === 'requested' && bghOf.has(schoolOf(d.backup_id)) && !mine(d.requested_by) && (
                    <>
                      <Button size="small" type="primary" loading={busy} onClick={() => void run(() => supabase.rpc('decide_backup_download', { p_download_id: d.id, p_approve: true }))} data-testid="download-approve">
                        {t('backups.approve')}
                      </Button>
                      <Button size="small" onClick={() => setAsk({ kind: 'refuse_download', id: d.id })}>{t('backups.refuse')}</Button>
                    </>
                  )}
                  {d.status === 'approved' && mine(d.requested_by) && (
                    <Button size="small" icon={<CloudDownloadOutlined />} loading={busy} onClick={() => void getLinks(d.id)} data-testid="download-links">
                      {t('backups.get_links')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('backups.restores')}>
        <Table<Restore>
          rowKey="id"
          size="small"
          dataSource={data.data?.restores ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="restores-table"
          columns={[
            ...requestColumns,
            {
              title: t('backups.fields.status'),
              dataIndex: 'status',
              render: (s: string, r) => (
                <>
                  <Tag color={STATUS_COLOR[s]}>{t(`backups.status.${s}`)}</Tag>
                  {r.applied_at && <Typography.Text type="secondary">{formatDateTime(r.applied_at)}</Typography.Text>}
                  {r.report.check && (
                    <Typography.Text type={r.report.check.ok ? 'secondary' : 'danger'}>
                      {' '}
                      {t(r.report.check.ok ? 'backups.check_ok' : 'backups.check_failed', {
                        tables: Object.keys(r.report.check.tables).length,
                        bad: Object.values(r.report.check.tables).filter((x) => !x.ok).length,
                        chains: r.report.check.chains,
                      })}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, r) =>
                r.status === 'requested' && principalOf.has(schoolOf(r.backup_id)) ? (
                  <Space wrap>
                    <Button size="small" type="primary" danger onClick={() => setAsk({ kind: 'approve_restore', restore: r })} data-testid="restore-approve">
                      {t('backups.approve')}
                    </Button>
                    <Button size="small" onClick={() => setAsk({ kind: 'refuse_restore', id: r.id })}>{t('backups.refuse')}</Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Modal
        open={ask !== null}
        title={ask ? t(`backups.ask.${ask.kind}.title`, { label: 'backup' in ask ? ask.backup.label : 'restore' in ask ? labelOf(ask.restore.backup_id) : '' }) : ''}
        okText={ask ? t(`backups.ask.${ask.kind}.ok`) : ''}
        okButtonProps={{ danger: ask?.kind === 'approve_restore' || ask?.kind === 'restore', loading: busy }}
        onOk={() => void submitAsk()}
        onCancel={() => setAsk(null)}
        destroyOnHidden
      >
        {ask && <Typography.Paragraph>{t(`backups.ask.${ask.kind}.text`)}</Typography.Paragraph>}
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: token.marginSM }} />}
        <Form layout="vertical">
          <Form.Item label={ask && ask.kind.startsWith('refuse') ? t('backups.fields.refusal') : ask?.kind === 'approve_restore' ? t('backups.fields.note') : t('backups.fields.reason')}>
            <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="backups-ask-text" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={links !== null} title={links ? t('backups.links_title', { label: links.label }) : ''} footer={null} onCancel={() => setLinks(null)}>
        {links && (
          <>
            <Typography.Paragraph type="warning">{t('backups.links_hint', { time: formatDateTime(links.expires_at) })}</Typography.Paragraph>
            <List
              size="small"
              dataSource={links.files}
              data-testid="download-link-list"
              renderItem={(f) => (
                <List.Item>
                  <a href={f.url} download>
                    {t(`backups.file.${f.kind}`, { seq: f.seq })}
                  </a>
                  <Typography.Text type="secondary">{size(f.bytes)}</Typography.Text>
                </List.Item>
              )}
            />
          </>
        )}
      </Modal>
    </Flex>
  );
}
