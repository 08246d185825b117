import { useList, useTranslate } from '@refinedev/core';
import { Alert, Button, Flex, Modal, Select, Spin } from 'antd';
import { Suspense, lazy, useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

const PdfPreview = lazy(() => import('../../components/PdfPreview.tsx'));

interface Printed {
  file: Blob;
  url: string;
  version: string | null;
  code: string | null;
}

/**
 * In học bạ: the `print` function's PDF of the whole transcript or one school year, previewed in the
 * page and downloadable. Shown to whoever the matrix lets print the student (ActionButton); the function
 * asks the database again and its refusal is shown as it is.
 */
export function PrintTranscript({ student }: { student: { id: string; school_id: string; full_name: string | null } }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const [open, setOpen] = useState(false);
  const [what, setWhat] = useState<string>('whole');
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { result } = useList({
    resource: 'enrolments',
    filters: [{ field: 'student_id', operator: 'eq', value: student.id }],
    meta: { select: 'school_year_id, end_reason, school_years(code, starts_on), classes(name)' },
    pagination: { mode: 'off' },
    queryOptions: { enabled: open },
  });
  type Row = { school_year_id: string; end_reason: string | null; school_years: { code: string; starts_on: string } | null; classes: { name: string } | null };
  const years = ((result?.data ?? []) as unknown as Row[])
    .filter((r) => r.end_reason !== 'class_change')
    .sort((a, b) => (a.school_years?.starts_on ?? '').localeCompare(b.school_years?.starts_on ?? ''));

  useEffect(() => {
    const url = printed?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [printed]);

  const print = async () => {
    setBusy(true);
    setFailure(null);
    setPrinted(null);
    const body = what === 'whole' ? { document: 'transcript', student_id: student.id } : { document: 'transcript', student_id: student.id, school_year_id: what };
    const { data, error, response } = await supabase.functions.invoke('print', { body });
    setBusy(false);
    if (error) {
      return setFailure(await functionErrorMessage(error));
    }
    const file = data as Blob;
    setPrinted({ file, url: URL.createObjectURL(file), version: response?.headers.get('x-document-version') ?? null, code: response?.headers.get('x-verification-code') ?? null });
  };

  return (
    <>
      <ActionButton resource="students" action="print" row={{ school_id: student.school_id, student_id: student.id }} onClick={() => setOpen(true)}>
        {t('documents.print_transcript')}
      </ActionButton>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} width={680} title={t('documents.title', { name: student.full_name ?? '' })} destroyOnHidden>
        <Flex vertical gap="middle">
          <Flex gap="small" wrap>
            <Select
              aria-label={t('documents.what')}
              data-testid="print-what"
              style={{ minWidth: 360 }}
              value={what}
              onChange={setWhat}
              options={[
                { value: 'whole', label: t('documents.whole') },
                ...years.map((y) => ({ value: y.school_year_id, label: t('documents.year', { code: y.school_years?.code ?? '', class: y.classes?.name ?? '' }) })),
              ]}
            />
            <Button type="primary" loading={busy} onClick={() => void print()} data-testid="print-preview">
              {t('documents.preview')}
            </Button>
            {printed ? (
              <Button href={printed.url} download={`hoc-ba-${student.id}.pdf`}>
                {t('documents.download')}
              </Button>
            ) : null}
          </Flex>
          <Alert type="info" showIcon message={t('documents.draft_note')} />
          {failure ? <Alert type="error" showIcon message={t('documents.failed')} description={failure} data-testid="print-failure" /> : null}
          {printed?.code ? <Alert type="success" showIcon message={t('documents.archived', { version: printed.version, code: printed.code })} /> : null}
          {busy ? <Spin tip={t('documents.rendering')} /> : null}
          {printed ? (
            <Suspense fallback={<Spin />}>
              <PdfPreview file={printed.file} width={620} label={(page, pages) => t('documents.page_of', { page, pages })} />
            </Suspense>
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}
