// The first page of a PDF evidence file (react-pdf over pdf.js; the worker is served by Vite as an
// asset of pdfjs-dist, so no CDN is involved). Loaded lazily by EvidencePanel.
import { useTranslate } from '@refinedev/core';
import { Alert, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Document, Page, pdfjs } from 'react-pdf';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export default function PdfPreview({ url }: { url: string }) {
  const t = useTranslate();
  const [pages, setPages] = useState<number | null>(null);
  return (
    <Flex vertical align="center" data-testid="evidence-preview-pdf">
      <Document
        file={url}
        onLoadSuccess={(doc) => setPages(doc.numPages)}
        loading={<Spin />}
        error={<Alert type="warning" showIcon message={t('correction_requests.evidence.pdf_error')} />}
      >
        <Page pageNumber={1} width={780} renderTextLayer={false} renderAnnotationLayer={false} />
      </Document>
      {pages !== null && <Typography.Text type="secondary">{t('correction_requests.evidence.pdf_pages', { count: pages })}</Typography.Text>}
    </Flex>
  );
}
