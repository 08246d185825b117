// A PDF shown in the page with react-pdf (pdf.js): every page as a canvas, no text or annotation layer.
// Its own lazy chunk (pdf.js is large; only the print dialogs use it); the worker is served as a file.
import { useState } from 'react';
import { Document, Page, pdfjs } from 'react-pdf';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export default function PdfPreview({ file, width, label }: { file: Blob; width: number; label: (page: number, pages: number) => string }) {
  const [pages, setPages] = useState(0);
  return (
    <Document file={file} onLoadSuccess={({ numPages }) => setPages(numPages)}>
      {Array.from({ length: pages }, (_, i) => (
        <figure key={i} style={{ margin: '0 0 12px' }} data-testid="pdf-page">
          <Page pageNumber={i + 1} width={width} renderTextLayer={false} renderAnnotationLayer={false} />
          <figcaption style={{ textAlign: 'center', fontSize: 12 }}>{label(i + 1, pages)}</figcaption>
        </figure>
      ))}
    </Document>
  );
}
