// Body of the `sign` edge function (issue 15), shared by the admin, the function and the tests: no
// browser-only and no Node-only imports here.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `${what} không hợp lệ` });
/** The signing PIN: chosen by its holder when the certificate is issued; 6 to 12 digits. */
export const pinSchema = z.string({ error: 'Cần nhập mã PIN ký số.' }).regex(/^\d{6,12}$/, { error: 'Mã PIN ký số gồm 6 đến 12 chữ số.' });

export const signRequestSchema = z.discriminatedUnion('action', [
  /** The holder of a certificate request sets their PIN: the certificate is issued (the key sealed with the PIN). */
  z.strictObject({ action: z.literal('activate'), request_id: uuid('Mã yêu cầu cấp chứng thư'), pin: pinSchema }),
  /** The admin board revokes a certificate: the CRL is re-issued. */
  z.strictObject({ action: z.literal('revoke'), certificate_id: uuid('Mã chứng thư số'), reason: z.string().trim().min(1, { error: 'Cần ghi lý do thu hồi.' }).max(500) }),
  /** A signer starts signing a class in a role: a batch whose files the jobs worker prepares. */
  z.strictObject({
    action: z.literal('start'),
    class_id: uuid('Mã lớp'),
    role: z.enum(['subject', 'homeroom', 'principal', 'organisation'], { error: 'Vai trò ký không hợp lệ.' }),
    subject_id: uuid('Mã môn học').optional(),
  }),
  /** The signer approves a prepared batch with their PIN: every file signed, timestamped and recorded. */
  z.strictObject({ action: z.literal('approve'), batch_id: uuid('Mã lượt ký'), pin: pinSchema }),
  /** The trust anchors (root and TSA certificates, PEM) and where the CRLs are. */
  z.strictObject({ action: z.literal('trust') }),
], { error: 'Thao tác ký số không được hỗ trợ (activate, revoke, start, approve, trust).' });
export type SignRequest = z.infer<typeof signRequestSchema>;
