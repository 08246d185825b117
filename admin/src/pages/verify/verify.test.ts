import { describe, expect, it } from 'vitest';
import { fileMatch, verifiedDocumentSchema } from './verify.ts';

const sha = (c: string) => c.repeat(64);
const doc = verifiedDocumentSchema.parse({
  kind: 'transcript_year', version: 1, status: 'current', issued_on: '2026-06-30', sha256: sha('a'), school_name: 'THPT Tân Đông',
  school_year_code: '2025-2026', student_initials: 'N.V.A', birth_year: 2010,
  signed: [{ revision: 1, sha256: sha('b') }, { revision: 2, sha256: sha('c') }],
});

describe('a dropped file against the archived version', () => {
  it('the print, a signed revision (the latest or an earlier one), or neither', () => {
    expect(fileMatch(doc, sha('a'))).toEqual({ kind: 'print' });
    expect(fileMatch(doc, sha('c'))).toEqual({ kind: 'signed', revision: 2, of: 2 });
    expect(fileMatch(doc, sha('b'))).toEqual({ kind: 'signed', revision: 1, of: 2 });
    expect(fileMatch(doc, sha('d'))).toEqual({ kind: 'none' });
  });
  it('an answer without signed revisions (an unsigned version) still parses', () => {
    const plain: Record<string, unknown> = { ...doc };
    delete plain.signed;
    expect(verifiedDocumentSchema.parse(plain).signed).toEqual([]);
  });
});
