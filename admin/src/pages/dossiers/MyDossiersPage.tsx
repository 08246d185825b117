import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { formatDate } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { HistoryButton, HistoryDrawer, StatusTags, TextModal } from './DossierParts.tsx';
import { acceptOf, callDossiers, downloadVersion, typesLabel, uploadDossier, type DossierRow } from './useDossiers.ts';

const PIN = /^\d{6,12}$/;

/** Monday of the week of a 'YYYY-MM-DD' day, and the last day of its month ('YYYY-MM-DD'), in calendar arithmetic. */
function weekAndMonth(today: string): { weekStart: string; weekEnd: string; monthStart: string; monthEnd: string } {
  const d = new Date(`${today}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  const monday = new Date(d.getTime() - day * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { weekStart: iso(monday), weekEnd: iso(sunday), monthStart: iso(first), monthEnd: iso(last) };
}

/**
 * What belongs on "this week and this month": a period that overlaps this week or this month, a due date
 * in them, and whatever still needs the person — overdue, returned, a draft, reopened, or waiting review.
 */
export function isCurrent(row: Pick<DossierRow, 'period_start' | 'period_end' | 'due_on' | 'status' | 'overdue'>, today: string): boolean {
  const { weekStart, weekEnd, monthStart, monthEnd } = weekAndMonth(today);
  if (row.overdue || ['returned', 'draft', 'reopened', 'submitted'].includes(row.status)) return true;
  const overlaps = (from: string, to: string) => row.period_start <= to && row.period_end >= from;
  return overlaps(weekStart, weekEnd) || overlaps(monthStart, monthEnd) || (row.due_on >= weekStart && row.due_on <= monthEnd);
}

/** Ký số: the PIN of the caller's certificate; the function signs the current version into a new one. */
function SignModal({ row, onClose }: { row: DossierRow; onClose: (signed: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const sign = async () => {
    if (!PIN.test(pin)) return setError(t('dossiers.sign.pin_rule'));
    setBusy(true);
    setError(undefined);
    const { data, error: refusal } = await callDossiers<{ version: { version: number } }>(supabase, { action: 'sign', version_id: row.current_version_id, pin });
    setBusy(false);
    if (refusal) return setError(refusal);
    message.success(t('dossiers.sign.done', { version: data!.version.version }));
    onClose(true);
  };
  return (
    <Modal open title={t('dossiers.sign.title', { label: `${row.item_name} — ${row.label}` })} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Form layout="vertical" onFinish={() => void sign()} data-testid="dossier-sign-form">
        <Typography.Paragraph>{t('dossiers.sign.hint', { version: row.current_version })}</Typography.Paragraph>
        <Form.Item label={t('dossiers.sign.pin')} validateStatus={error ? 'error' : undefined} help={error}>
          <Input.Password autoFocus inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.trim())} data-testid="dossier-pin" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="dossier-sign-ok">{t('dossiers.actions.sign')}</Button>
      </Form>
    </Modal>
  );
}

/**
 * Hồ sơ của tôi: the obligations the caller submits (rpc dossier_list p_mine) — this week's and month's
 * and whatever is overdue or returned, or the whole year — with upload, sign, submit, download, the
 * request to change an approved one, and each one's history. Every step is the database's or the
 * function's decision; their sentences are shown as they are.
 */
export function MyDossiersPage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId } = useSchoolYear();
  const [range, setRange] = useState<'current' | 'year'>('current');
  const [busy, setBusy] = useState<string>();
  const [refusal, setRefusal] = useState<{ title: string; message: string }>();
  const [signing, setSigning] = useState<DossierRow>();
  const [reopening, setReopening] = useState<DossierRow>();
  const [history, setHistory] = useState<DossierRow>();
  const list = useQuery({
    queryKey: ['dossier_list', 'mine', year?.id],
    enabled: !!year,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('dossier_list', { p_school_year_id: year!.id, p_mine: true, p_limit: 2000 });
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  const today = identity?.today ?? null;
  const rows = (list.data ?? []).filter((r) => range === 'year' || !today || !year?.is_current || isCurrent(r, today));
  const what = (r: DossierRow) => `${r.item_name} — ${r.label}`;
  const done = async (text: string) => {
    message.success(text);
    await list.refetch();
  };
  const refuse = (r: DossierRow, text: string) => setRefusal({ title: t('dossiers.mine.refused', { what: what(r) }), message: text });

  const upload = async (r: DossierRow, file: File) => {
    setBusy(`upload-${r.id}`);
    setRefusal(undefined);
    const { version, error } = await uploadDossier(supabase, identity!.id, r, file);
    if (error) {
      setBusy(undefined);
      return refuse(r, error);
    }
    await done(t('dossiers.mine.uploaded', { version: version!.version, what: what(r) }));
    setBusy(undefined);
  };
  const submit = async (r: DossierRow) => {
    setBusy(`submit-${r.id}`);
    setRefusal(undefined);
    const { data, error } = await supabase.rpc('submit_dossier', { p_version_id: r.current_version_id });
    if (error) {
      setBusy(undefined);
      return refuse(r, errorMessage(error));
    }
    const status = (data as { status?: string } | null)?.status;
    await done(t(status === 'approved' ? 'dossiers.mine.submitted_approved' : 'dossiers.mine.submitted', { what: what(r) }));
    setBusy(undefined);
  };
  const download = async (r: DossierRow) => {
    setBusy(`download-${r.id}`);
    const error = await downloadVersion(supabase, r.current_version_id);
    setBusy(undefined);
    if (error) message.error(error);
  };
  const requestReopen = async (r: DossierRow, reason: string) => {
    const { error } = await supabase.rpc('request_dossier_reopen', { p_obligation_id: r.id, p_reason: reason });
    if (error) return errorMessage(error);
    setReopening(undefined);
    await done(t('dossiers.mine.reopen_sent'));
    return undefined;
  };

  return (
    <Flex vertical gap={12} data-testid="dossiers-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('menu.dossiers')}</Typography.Title>
      <Alert type="info" showIcon message={t('dossiers.mine.hint')} />
      <Space wrap>
        <YearSelect years={years} value={year?.id} onChange={setYearId} />
        <Segmented<'current' | 'year'> value={range} onChange={setRange} data-testid="dossiers-range"
          options={[{ value: 'current', label: t('dossiers.mine.range_current') }, { value: 'year', label: t('dossiers.mine.range_year') }]} />
      </Space>
      {list.error ? <Alert type="error" showIcon message={(list.error as Error).message} /> : null}
      {refusal ? <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} message={refusal.title} description={refusal.message} data-testid="dossier-refusal" /> : null}
      <Table<DossierRow>
        data-testid="dossiers-table"
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('dossiers.mine.empty')} /> }}
        onRow={(r) => ({ 'data-testid': `dossier-row-${r.item_code}-${r.period_start}`, 'data-status': r.status } as HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('dossiers.fields.item'), key: 'item',
            render: (_: unknown, r: DossierRow) => (
              <Flex vertical>
                <span>{r.item_name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.group_name}{r.party !== 'teacher' && r.party !== 'homeroom' ? ` · ${r.party_name}` : ''}</Typography.Text>
              </Flex>
            ),
          },
          { title: t('dossiers.fields.period'), dataIndex: 'label' },
          { title: t('dossiers.fields.due'), dataIndex: 'due_on', width: 110, render: (d: string) => formatDate(d) },
          { title: t('dossiers.fields.status'), key: 'status', render: (_: unknown, r: DossierRow) => <StatusTags row={r} /> },
          {
            title: t('dossiers.fields.version'), key: 'version', width: 130,
            render: (_: unknown, r: DossierRow) => r.current_version_id ? (
              <Space size={4} wrap>
                <span>v{r.current_version}</span>
                {r.current_signed ? <Tag color="green">{t('dossiers.marks.signed')}</Tag>
                  : r.signature_required ? <Tag color="orange">{t('dossiers.marks.unsigned')}</Tag> : null}
              </Space>
            ) : t('common.empty'),
          },
          { title: t('dossiers.fields.comment'), dataIndex: 'last_comment', render: (c: string | null) => (c ? <Typography.Text type="danger" data-testid="dossier-comment">{c}</Typography.Text> : null) },
          {
            title: t('common.actions'), key: 'actions', width: 300,
            render: (_: unknown, r: DossierRow) => {
              const open = r.can_submit && !r.locked;
              const unsigned = r.signature_required && !!r.current_version_id && !r.current_signed;
              return (
                <Space size={4} wrap>
                  {/* Approved too: the function then answers the database's refusal (a change needs BGH's permission). */}
                  {open && r.status !== 'submitted' ? (
                    <Upload accept={acceptOf(r.accepted_types)} showUploadList={false} data-testid="dossier-upload-input"
                      customRequest={({ file }) => void upload(r, file as File)}>
                      <ActionButton resource="dossiers" action="create" size="small" type={r.current_version_id ? 'default' : 'primary'} loading={busy === `upload-${r.id}`}
                        title={t('dossiers.mine.accepts', { types: typesLabel(r.accepted_types) })} data-testid="dossier-upload">
                        {t('dossiers.actions.upload')}
                      </ActionButton>
                    </Upload>
                  ) : null}
                  <ActionButton resource="dossiers" action="sign" size="small" allowed={open && !!r.current_version_id && !r.current_signed && ['draft', 'returned', 'reopened'].includes(r.status)}
                    onClick={() => setSigning(r)} data-testid="dossier-sign">
                    {t('dossiers.actions.sign')}
                  </ActionButton>
                  <ActionButton resource="dossiers" action="create" size="small" type="primary" allowed={open && !!r.current_version_id && ['draft', 'returned', 'reopened'].includes(r.status)}
                    loading={busy === `submit-${r.id}`} onClick={() => void submit(r)} data-testid="dossier-submit"
                    title={unsigned ? t('dossiers.mine.needs_signature') : undefined}>
                    {t('dossiers.actions.submit')}
                  </ActionButton>
                  {unsigned && ['draft', 'returned', 'reopened'].includes(r.status) ? (
                    <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="dossier-needs-signature">{t('dossiers.mine.needs_signature')}</Typography.Text>
                  ) : null}
                  {r.current_version_id ? (
                    <Button size="small" loading={busy === `download-${r.id}`} onClick={() => void download(r)} data-testid="dossier-download">{t('dossiers.actions.download')}</Button>
                  ) : null}
                  <ActionButton resource="dossiers" action="edit" size="small" allowed={open && r.status === 'approved'} onClick={() => setReopening(r)} data-testid="dossier-reopen">
                    {t('dossiers.actions.reopen')}
                  </ActionButton>
                  <HistoryButton onClick={() => setHistory(r)} />
                </Space>
              );
            },
          },
        ]}
      />
      {signing ? <SignModal row={signing} onClose={(signed) => { setSigning(undefined); if (signed) void list.refetch(); }} /> : null}
      {reopening ? (
        <TextModal title={t('dossiers.mine.reopen_title', { what: what(reopening) })} label={t('dossiers.mine.reopen_reason')} okText={t('dossiers.actions.reopen')} min={5}
          onOk={(text) => requestReopen(reopening, text)} onClose={() => setReopening(undefined)} testId="dossier-reopen" />
      ) : null}
      {history ? <HistoryDrawer row={history} onClose={() => setHistory(undefined)} /> : null}
      {!list.isLoading && !year ? <Empty description={t('dossiers.no_year')} /> : null}
    </Flex>
  );
}
