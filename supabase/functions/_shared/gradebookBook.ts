// The class gradebook as a book: its parts (rendered one request each by the jobs worker, page numbers
// continuing) joined into the one archived PDF (migration 20261204000000_class_gradebook.sql). The join
// copies the parts' pages as they are — nothing re-rendered — and fixes every metadata field, so the same
// parts give the same bytes.
import { PDFDocument } from '@cantoo/pdf-lib';
import { sha256Hex } from './archive.ts';

export const gradebookUnitKey = (classId: string) => `class_gradebook:${classId}`;

/** The number of pages of a rendered part (the next part's page numbers start after them). */
export async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}

/** The book's data hash: sha256 of its parts' hashes joined by ',' (as rpc class_gradebook_data computes it). */
export const bookDataHash = (partHashes: string[]) => sha256Hex(new TextEncoder().encode(partHashes.join(',')));

export interface BookMeta {
  title: string;
  author: string;
  /** The book's issue date (the creation date of every part), a calendar date. */
  issuedOn: string;
}

export async function joinParts(parts: Uint8Array[], meta: BookMeta): Promise<Uint8Array<ArrayBuffer>> {
  const book = await PDFDocument.create({ updateMetadata: false });
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of await book.copyPages(part, part.getPageIndices())) book.addPage(page);
  }
  const issued = new Date(`${meta.issuedOn}T00:00:00+07:00`);
  book.setTitle(meta.title);
  book.setAuthor(meta.author);
  book.setCreator('Sổ điện tử');
  book.setProducer('Sổ điện tử');
  book.setLanguage('vi');
  book.setCreationDate(issued);
  book.setModificationDate(issued);
  return new Uint8Array(await book.save()) as Uint8Array<ArrayBuffer>;
}
