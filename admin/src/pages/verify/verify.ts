// The answer of rpc/verify_document, parsed (it crosses a boundary), and the browser-side hash of a
// dropped file. Pure.
import { z } from 'zod';

export const verifiedDocumentSchema = z.object({
  kind: z.enum(['transcript_year', 'transcript', 'class_gradebook', 'correction_minutes', 'copy']),
  version: z.number().int(),
  status: z.enum(['current', 'superseded', 'revoked']),
  issued_on: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  school_name: z.string(),
  school_year_code: z.string().nullable(),
  student_initials: z.string().nullable(),
  birth_year: z.number().int().nullable(),
  /** The version's signed revisions (issue 15): each one's file hash. */
  signed: z.array(z.object({ revision: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).default([]),
});

/** What a dropped file is of the version: its archived print, one of its signed revisions (n of m), or neither. */
export function fileMatch(doc: VerifiedDocument, sha: string): { kind: 'print' } | { kind: 'signed'; revision: number; of: number } | { kind: 'none' } {
  if (sha === doc.sha256) return { kind: 'print' };
  const of = Math.max(0, ...doc.signed.map((r) => r.revision));
  const hit = doc.signed.find((r) => r.sha256 === sha);
  return hit ? { kind: 'signed', revision: hit.revision, of } : { kind: 'none' };
}
export type VerifiedDocument = z.infer<typeof verifiedDocumentSchema>;

/** Hex SHA-256 of bytes, with the browser's (or Node's) Web Crypto. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
