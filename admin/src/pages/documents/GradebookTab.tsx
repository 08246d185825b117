import { useList, useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, Progress, Space, Spin, Table, Typography } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses } from '../../components/useYearData.ts';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { saveBlob } from '../../shared/saveBlob.ts';

const PdfPreview = lazy(() => import('../../components/PdfPreview.tsx'));

interface Book { parts: { seq: number; part: string; label: string }[]; official: boolean }
interface JobRow { id: string; status: 'queued' | 'running' | 'done' | 'failed'; total: number; done: number; failed: number }

/**
 * Sổ theo dõi lớp: a class's gradebook (sổ theo dõi và đánh giá học sinh theo lớp). Each part (front
 * matter, a month of attendance, a subject, the summaries) previews on its own — a draft while the year
 * is in progress; the whole book of a finished year is printed part by part by the jobs worker (its
 * progress shown here), archived, and downloaded. The database decides (rpc class_gradebook_data,
 * create_gradebook_job, the print function); its refusals are shown as they are.
 */
export function GradebookTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const [classId, setClassId] = useState<string>();
  const cls = classes.find((c) => c.id === classId);
  const [book, setBook] = useState<Book | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ label: string; file: Blob } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  useEffect(() => {
    setBook(null);
    setPreview(null);
    setFailure(null);
    setJobId(null);
    if (!classId) return;
    let live = true;
    void supabase.rpc('class_gradebook_data', { p_class_id: classId }).then(({ data, error }) => {
      if (!live) return;
      if (error) setFailure(errorMessage(error));
      else setBook(data as unknown as Book);
    });
    return () => {
      live = false;
    };
  }, [classId, supabase]);

  const job = useList<JobRow>({
    resource: 'jobs',
    filters: [{ field: 'id', operator: 'eq', value: jobId }],
    pagination: { pageSize: 1 },
    queryOptions: { enabled: !!jobId, refetchInterval: (q) => (['queued', 'running'].includes(q.state.data?.data[0]?.status ?? 'queued') ? 2000 : false) },
  }).result.data[0];

  const previewPart = async (part: { part: string; label: string }) => {
    setBusy(part.part);
    setFailure(null);
    const { data, error } = await supabase.functions.invoke('print', { body: { document: 'class_gradebook', class_id: classId, part: part.part } });
    setBusy(null);
    if (error) return void setFailure(await functionErrorMessage(error));
    setPreview({ label: part.label, file: data as Blob });
  };

  const printBook = async () => {
    setBusy('book');
    setFailure(null);
    const { data, error } = await supabase.functions.invoke('print', { body: { document: 'class_gradebook', class_id: classId } });
    setBusy(null);
    if (error) return void setFailure(await functionErrorMessage(error));
    if (data instanceof Blob) return void saveBlob(data, `so-theo-doi-lop-${cls?.name ?? classId}-${year?.code ?? ''}.pdf`);
    setJobId((data as { job_id: string }).job_id);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('documents.gradebook_intro')}</Typography.Paragraph>
      <Space wrap>
        <YearSelect years={years} value={year?.id} onChange={(id) => { setYearId(id); setClassId(undefined); }} />
        <ClassSelect classes={classes} value={classId} onChange={setClassId} testId="gradebook-class" />
        <ActionButton resource="documents" action="print" row={cls ? { school_id: cls.school_id, class_id: cls.id } : undefined}
          type="primary" disabled={!book?.official} loading={busy === 'book'} onClick={() => void printBook()} data-testid="gradebook-print">
          {t('documents.gradebook_print')}
        </ActionButton>
      </Space>
      {book && !book.official ? <Alert type="info" showIcon message={t('documents.gradebook_draft')} /> : null}
      {failure ? <Alert type="error" showIcon message={t('documents.failed')} description={failure} data-testid="gradebook-failure" /> : null}
      {job ? (
        <Flex vertical gap={4} data-testid="gradebook-job">
          <Progress percent={job.total ? Math.round((100 * (job.done + job.failed)) / job.total) : 0}
            status={job.failed ? 'exception' : job.status === 'done' ? 'success' : 'active'} />
          <Typography.Text type="secondary">{t('documents.gradebook_job', { done: job.done, total: job.total })}</Typography.Text>
          {job.status === 'done' ? (
            <Button type="primary" onClick={() => void printBook()} loading={busy === 'book'} data-testid="gradebook-download">{t('documents.gradebook_download')}</Button>
          ) : null}
        </Flex>
      ) : null}
      {book ? (
        <Table
          data-testid="gradebook-parts"
          rowKey="part"
          size="small"
          pagination={false}
          dataSource={book.parts}
          columns={[
            { title: '#', dataIndex: 'seq', width: 48 },
            { title: t('documents.gradebook_part'), dataIndex: 'label' },
            {
              title: '', key: 'preview', width: 140,
              render: (_: unknown, p: Book['parts'][number]) => (
                <Button size="small" loading={busy === p.part} onClick={() => void previewPart(p)} data-testid={`gradebook-preview-${p.seq}`}>
                  {t('documents.preview')}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {preview ? (
        <Flex vertical gap={8} data-testid="gradebook-preview">
          <Space>
            <Typography.Text strong>{preview.label}</Typography.Text>
            <Button size="small" onClick={() => saveBlob(preview.file, `so-theo-doi-lop-${cls?.name ?? ''}-${preview.label}.pdf`)}>{t('documents.download')}</Button>
          </Space>
          <Suspense fallback={<Spin />}>
            <PdfPreview file={preview.file} width={760} label={(page, pages) => t('documents.page_of', { page, pages })} />
          </Suspense>
        </Flex>
      ) : null}
    </Flex>
  );
}
