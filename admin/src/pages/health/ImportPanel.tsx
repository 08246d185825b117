// Nhập từ Excel: the start-of-level examination (measurements) or one screening's results for the
// nurse's school, through the health-records function — the template to fill, then a check of the file
// that lists every row's errors and writes nothing, then the write of all rows at once (or none). The
// database checks each row as a direct entry would.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { HEALTH_IMPORT_KINDS, type HealthImportKind, type ImportAnswer } from '../../../../supabase/functions/_shared/contracts/health.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

const base64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

export function ImportPanel({ schoolId }: { schoolId: string | undefined }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [kind, setKind] = useState<HealthImportKind>('exam');
  const [file, setFile] = useState<File>();
  const [answer, setAnswer] = useState<ImportAnswer>();
  const [busy, setBusy] = useState<'check' | 'commit' | 'template'>();

  const call = async (body: Record<string, unknown>) => supabase.functions.invoke('health-records', { body });

  const template = async () => {
    setBusy('template');
    const { data, error } = await call({ action: 'template', kind });
    setBusy(undefined);
    if (error) return message.error(await functionErrorMessage(error));
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `mau-nhap-${kind}.xlsx`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const run = async (commit: boolean) => {
    if (!file || !schoolId) return;
    setBusy(commit ? 'commit' : 'check');
    const { data, error } = await call({ action: 'import', kind, school_id: schoolId, file: await base64(file), commit });
    setBusy(undefined);
    if (error) {
      setAnswer(undefined);
      return message.error(await functionErrorMessage(error));
    }
    const a = data as ImportAnswer;
    setAnswer(a);
    if (a.committed) message.success(t('health.import.written', { count: formatNumber(a.written) }));
  };

  return (
    <Flex vertical gap={12} data-testid="health-import">
      <Typography.Paragraph type="secondary">{t('health.import.hint')}</Typography.Paragraph>
      <Space wrap>
        <Select<HealthImportKind> value={kind} style={{ minWidth: 260 }} data-testid="import-kind"
          onChange={(k) => { setKind(k); setAnswer(undefined); }}
          options={HEALTH_IMPORT_KINDS.map((k) => ({ value: k, label: t(`health.import.kinds.${k}`) }))} />
        <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void template()}>{t('health.import.template')}</Button>
        <Upload accept=".xlsx" maxCount={1} showUploadList={file ? { showRemoveIcon: true } : false}
          beforeUpload={(f) => { setFile(f); setAnswer(undefined); return false; }} onRemove={() => { setFile(undefined); setAnswer(undefined); }}>
          <Button icon={<UploadOutlined />} data-testid="import-file">{t('health.import.choose')}</Button>
        </Upload>
        <Button disabled={!file} loading={busy === 'check'} onClick={() => void run(false)} data-testid="import-check">{t('health.import.check')}</Button>
        <ActionButton resource="health" action="create" row={schoolId ? { school_id: schoolId } : undefined} type="primary"
          disabled={!answer || answer.error_count > 0 || answer.committed} loading={busy === 'commit'} onClick={() => void run(true)}
          data-testid="import-commit">{t('health.import.commit')}</ActionButton>
      </Space>
      {answer && answer.error_count > 0 ? (
        <Alert type="error" showIcon message={t('health.import.has_errors', { count: formatNumber(answer.error_count), rows: formatNumber(answer.rows.length) })} />
      ) : answer && !answer.committed ? (
        <Alert type="success" showIcon message={t('health.import.ready', { rows: formatNumber(answer.rows.length) })} />
      ) : null}
      {answer ? (
        <Table size="small" pagination={{ pageSize: 50 }} scroll={{ x: 'max-content' }} rowKey={(r) => String(r.row)} dataSource={answer.rows}
          data-testid="import-rows"
          columns={[
            { title: t('health.import.row'), dataIndex: 'row', width: 70 },
            { title: t('health.student'), dataIndex: 'full_name', render: (v: string | null) => v ?? '—' },
            { title: t('health.class'), dataIndex: 'class_name', render: (v: string | null) => v ?? '' },
            { title: t('health.import.result'), key: 'errors', render: (_, r) => (r.errors.length
              ? <Flex vertical gap={2}>{r.errors.map((e) => <Typography.Text key={e} type="danger">{e}</Typography.Text>)}</Flex>
              : <Tag color={answer.committed ? 'green' : 'blue'}>{answer.committed ? t('health.import.row_written') : t('health.import.row_ok')}</Tag>) },
          ]} />
      ) : null}
    </Flex>
  );
}
