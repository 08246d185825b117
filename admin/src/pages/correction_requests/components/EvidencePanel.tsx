import { DeleteOutlined, DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, List, Modal, Spin, Typography, Upload } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ActionButton, type RowScope } from '../../../components/ActionButton.tsx';
import { errorMessage } from '../../../providers/errors.ts';
import { useSupabase } from '../../../providers/supabase.tsx';
import { EVIDENCE_ACCEPT, EVIDENCE_BUCKET, evidenceDisplayName, evidenceKey, evidenceKind, evidenceProblem } from '../correctionModel.ts';
import type { EvidenceFile } from '../useCorrections.ts';
import { saveBlob } from '../../../shared/saveBlob.ts';

// pdf.js is large: loaded only when a PDF is previewed.
const PdfPreview = lazy(() => import('./PdfPreview.tsx'));

/**
 * Minh chứng of a request: the files in storage (correction-evidence/<request id>/…), previewed in
 * the page (images as they are, PDFs' first page), downloadable; uploaded and removed by the requester
 * while the request is a draft (the requester's filing: ActionButtons of correction_requests.create).
 * Type and size are checked here for a quick answer; the bucket's limits and policies decide, and their
 * refusal is shown through errorMessage.
 */
export function EvidencePanel({
  requestId,
  row,
  files,
  error,
  editable,
  onChanged,
}: {
  requestId: string;
  row: RowScope;
  files: EvidenceFile[];
  error: string | null;
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<{ file: EvidenceFile; url: string } | null>(null);
  const [loadingKey, setLoadingKey] = useState<string | null>(null);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview.url)), [preview]);

  const download = async (file: EvidenceFile): Promise<Blob | null> => {
    setLoadingKey(file.key);
    const { data, error: e } = await supabase.storage.from(EVIDENCE_BUCKET).download(file.key);
    setLoadingKey(null);
    if (e || !data) {
      message.error(e ? errorMessage(e) : file.name);
      return null;
    }
    return data;
  };
  const show = async (file: EvidenceFile) => {
    const blob = await download(file);
    if (blob) setPreview({ file, url: URL.createObjectURL(blob) });
  };
  const save = async (file: EvidenceFile) => {
    const blob = await download(file);
    if (!blob) return;
    saveBlob(blob, evidenceDisplayName(file.name));
  };
  const remove = (file: EvidenceFile) =>
    modal.confirm({
      title: t('correction_requests.evidence.confirm_remove', { name: evidenceDisplayName(file.name) }),
      okButtonProps: { danger: true, 'data-testid': 'evidence-remove-confirm' },
      onOk: async () => {
        const { error: e } = await supabase.storage.from(EVIDENCE_BUCKET).remove([file.key]);
        if (e) return void message.error(errorMessage(e));
        message.success(t('correction_requests.evidence.removed'));
        onChanged();
      },
    });

  return (
    <Card size="small" title={t('correction_requests.evidence.title')} data-testid="correction-evidence">
      <Typography.Paragraph type="secondary">{t('correction_requests.evidence.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      {editable && (
        <Upload
            data-testid="correction-evidence-upload"
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const problem = evidenceProblem(file);
              if (problem) {
                message.error(t(problem === 'type' ? 'correction_requests.evidence.bad_type' : 'correction_requests.evidence.too_large', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setUploading(true);
              void supabase.storage
                .from(EVIDENCE_BUCKET)
                .upload(evidenceKey(requestId, f), f, { contentType: f.type })
                .then(({ error: e }) => {
                  setUploading(false);
                  if (e) {
                    // The server's limits (413 too large, 415 not JPEG/PNG/PDF) in the teacher's words.
                    const code = (e as { statusCode?: string }).statusCode;
                    message.error(code === '413' ? t('correction_requests.evidence.too_large', { name: f.name })
                      : code === '415' ? t('correction_requests.evidence.bad_type', { name: f.name }) : errorMessage(e));
                    onError?.(e);
                    return;
                  }
                  message.success(t('correction_requests.evidence.uploaded', { name: f.name }));
                  onSuccess?.(null);
                  onChanged();
                });
            }}
          >
            <ActionButton resource="correction_requests" action="create" row={row} allowed={editable} icon={<UploadOutlined />} loading={uploading}>
              {t('correction_requests.evidence.upload')}
            </ActionButton>
          </Upload>
      )}
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: t('correction_requests.evidence.empty') }}
        renderItem={(file) => (
          <List.Item
            data-testid={`correction-evidence-item-${evidenceDisplayName(file.name)}`}
            actions={[
              <Button key="view" type="link" icon={<EyeOutlined />} loading={loadingKey === file.key} onClick={() => void show(file)} data-testid="evidence-preview">
                {t('correction_requests.evidence.preview')}
              </Button>,
              <Button key="download" type="link" icon={<DownloadOutlined />} onClick={() => void save(file)}>
                {t('correction_requests.evidence.download')}
              </Button>,
              ...(editable
                ? [
                    <ActionButton
                      key="remove"
                      resource="correction_requests"
                      action="create"
                      row={row}
                      allowed={editable}
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(file)}
                      data-testid="evidence-remove"
                    >
                      {t('correction_requests.evidence.remove')}
                    </ActionButton>,
                  ]
                : []),
            ]}
          >
            {evidenceDisplayName(file.name)}
          </List.Item>
        )}
      />
      <Modal open={!!preview} title={preview ? evidenceDisplayName(preview.file.name) : ''} footer={null} width={860} onCancel={() => setPreview(null)} destroyOnHidden>
        {preview && evidenceKind(preview.file.name) === 'image' && <img src={preview.url} alt={evidenceDisplayName(preview.file.name)} className="correction-evidence-image" data-testid="evidence-preview-image" />}
        {preview && evidenceKind(preview.file.name) === 'pdf' && (
          <Suspense fallback={<Spin />}>
            <PdfPreview url={preview.url} />
          </Suspense>
        )}
      </Modal>
    </Card>
  );
}
