import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, Input, Modal, Space, Table, Tag, Timeline, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { STATUS_COLORS, megabytes, shortHash, type DossierRow, type DossierStatus } from './useDossiers.ts';

/** The obligation's state as a tag, with its overdue / late / locked markers. */
export function StatusTags({ row }: { row: Pick<DossierRow, 'status' | 'overdue' | 'late' | 'locked'> }) {
  const t = useTranslate();
  const status = row.status as DossierStatus;
  return (
    <Space size={4} wrap data-testid="dossier-status" data-status={status}>
      <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`dossiers.statuses.${status}`)}</Tag>
      {row.overdue ? <Tag color="red" data-testid="dossier-overdue">{t('dossiers.marks.overdue')}</Tag> : null}
      {row.late ? <Tag color="orange">{t('dossiers.marks.late')}</Tag> : null}
      {row.locked ? <Tag color="default">{t('dossiers.marks.locked')}</Tag> : null}
    </Space>
  );
}


interface VersionRow {
  id: string; version: number; file_name: string; file_type: string; byte_size: number; sha256: string; signer_name: string | null; signed_at: string | null;
  signature_kind: string | null; created_at: string; uploader: { full_name: string | null } | null;
}
interface EventRow { id: number; kind: string; comment: string | null; created_at: string; version_id: string | null; actor_profile: { full_name: string | null } | null }

/**
 * Lịch sử hồ sơ: every version of an obligation (number, file, sha256, signer) and its events (uploads,
 * signatures, submission, reviews with their comments, reopen requests and decisions), as RLS lets the
 * caller read them.
 */
export function HistoryDrawer({ row, onClose }: { row: Pick<DossierRow, 'id' | 'label' | 'item_name'>; onClose: () => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const history = useQuery({
    queryKey: ['dossier-history', row.id],
    queryFn: async () => {
      const [versions, events] = await Promise.all([
        supabase.from('dossier_versions')
          .select('id, version, file_name, file_type, byte_size, sha256, signer_name, signed_at, signature_kind, created_at, uploader:profiles!dossier_versions_uploaded_by_fkey(full_name)')
          .eq('obligation_id', row.id).order('version', { ascending: false }),
        supabase.from('dossier_events').select('id, kind, comment, created_at, version_id, actor_profile:profiles!dossier_events_actor_fkey(full_name)')
          .eq('obligation_id', row.id).order('id', { ascending: false }),
      ]);
      if (versions.error) throw new Error(errorMessage(versions.error));
      if (events.error) throw new Error(errorMessage(events.error));
      return { versions: versions.data as unknown as VersionRow[], events: events.data as unknown as EventRow[] };
    },
  });
  const numberOf = new Map((history.data?.versions ?? []).map((v) => [v.id, v.version]));
  return (
    <Drawer open width={720} title={t('dossiers.history.title', { label: `${row.item_name} — ${row.label}` })} onClose={onClose} data-testid="dossier-history">
      {history.error ? <Alert type="error" showIcon message={(history.error as Error).message} /> : null}
      <Typography.Title level={5}>{t('dossiers.history.versions')}</Typography.Title>
      <Table<VersionRow>
        data-testid="dossier-versions"
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isLoading}
        dataSource={history.data?.versions ?? []}
        columns={[
          { title: t('dossiers.fields.version'), dataIndex: 'version', width: 70 },
          { title: t('dossiers.fields.file'), key: 'file', render: (_: unknown, v: VersionRow) => <span>{v.file_name} <Typography.Text type="secondary">({megabytes(v.byte_size)})</Typography.Text></span> },
          { title: 'SHA-256', dataIndex: 'sha256', render: (s: string) => <Typography.Text code title={s}>{shortHash(s)}</Typography.Text> },
          {
            title: t('dossiers.fields.signature'), key: 'signer',
            render: (_: unknown, v: VersionRow) => v.signer_name
              ? <span>{v.signer_name} <Typography.Text type="secondary">{formatDateTime(v.signed_at)}</Typography.Text></span>
              : <Typography.Text type="secondary">{t('dossiers.marks.unsigned')}</Typography.Text>,
          },
          { title: t('dossiers.fields.uploaded'), key: 'at', render: (_: unknown, v: VersionRow) => `${v.uploader?.full_name ?? ''} ${formatDateTime(v.created_at)}` },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('dossiers.history.events')}</Typography.Title>
      <Timeline
        data-testid="dossier-events"
        items={(history.data?.events ?? []).map((e) => ({
          key: e.id,
          color: e.kind === 'returned' || e.kind === 'reopen_refused' ? 'red' : e.kind === 'approved' || e.kind === 'reopen_granted' ? 'green' : 'blue',
          children: (
            <Flex vertical>
              <span>
                <strong>{t(`dossiers.history.kinds.${e.kind}`)}</strong>
                {e.version_id && numberOf.has(e.version_id) ? ` — ${t('dossiers.fields.version')} ${numberOf.get(e.version_id)}` : ''}
                {' · '}{e.actor_profile?.full_name ?? ''} · {formatDateTime(e.created_at)}
              </span>
              {e.comment ? <Typography.Text type="secondary">{e.comment}</Typography.Text> : null}
            </Flex>
          ),
        }))}
      />
    </Drawer>
  );
}

/** A modal asking for a required text (a return's comment, a reopen's reason, a refusal's note). */
export function TextModal({ title, label, okText, min, onOk, onClose, testId, danger }: {
  title: string; label: string; okText: string; min: number; onOk: (text: string) => Promise<string | undefined>; onClose: () => void; testId: string; danger?: boolean;
}) {
  const t = useTranslate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ok = async () => {
    if (text.trim().length < min) return setError(t('dossiers.text_required', { min }));
    setBusy(true);
    const refusal = await onOk(text.trim());
    setBusy(false);
    if (refusal) setError(refusal);
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void ok()} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden
      okButtonProps={{ danger, 'data-testid': `${testId}-ok` } as ButtonProps}>
      <Flex vertical gap={8}>
        <Typography.Text>{label}</Typography.Text>
        <Input.TextArea rows={4} value={text} onChange={(e) => { setText(e.target.value); setError(undefined); }} data-testid={`${testId}-text`} />
        {error ? <Alert type="error" showIcon message={error} data-testid={`${testId}-error`} /> : null}
      </Flex>
    </Modal>
  );
}

/** A plain button that opens the history drawer (a read: no matrix cell). */
export function HistoryButton({ onClick }: { onClick: () => void }) {
  const t = useTranslate();
  return <Button size="small" type="link" onClick={onClick} data-testid="dossier-history-open">{t('dossiers.actions.history')}</Button>;
}
