// Body of the `sign` edge function (issue 15), shared by the admin, the function and the tests: no
// browser-only and no Node-only imports here.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `${what} không hợp lệ` });
/** The signing PIN: chosen by its holder when the certificate is issued; 6 to 12 digits. */
export const pinSchema = z.string({ error: 'Cần nhập mã PIN ký số.' }).regex(/^\d{6,12}$/, { error: 'Mã PIN ký số gồm 6 đến 12 chữ số.' });

export const signRequestSchema = z.discriminatedUnion('action', [
  /**
   * The holder of a certificate request activates it: with a PIN of their own (the local CA: the key is made
   * and sealed with it), or — where the school signs through a remote provider — with their credential id
   * at the provider (the certificate is fetched from there; the key stays with the provider).
   */
  z.strictObject({
    action: z.literal('activate'),
    request_id: uuid('Mã yêu cầu cấp chứng thư'),
    pin: pinSchema.optional(),
    credential_id: z.string().trim().min(1, { error: 'Cần nhập mã tài khoản ký số từ xa.' }).max(200).optional(),
  }),
  /** The admin board revokes a certificate: the CRL is re-issued. */
  z.strictObject({ action: z.literal('revoke'), certificate_id: uuid('Mã chứng thư số'), reason: z.string().trim().min(1, { error: 'Cần ghi lý do thu hồi.' }).max(500) }),
  /** A signer starts signing a class in a role: a batch whose files the jobs worker prepares. */
  z.strictObject({
    action: z.literal('start'),
    class_id: uuid('Mã lớp'),
    role: z.enum(['subject', 'homeroom', 'principal', 'organisation'], { error: 'Vai trò ký không hợp lệ.' }),
    subject_id: uuid('Mã môn học').optional(),
    /** What is signed: the class's transcripts (a file per student, the default) or its gradebook (one book). */
    document: z.enum(['transcripts', 'gradebook'], { error: 'Văn bản ký không hợp lệ (transcripts, gradebook).' }).optional(),
  }),
  /**
   * The signer approves a prepared batch: with their PIN (local CA), every file signed, timestamped and
   * recorded at once; with a remote provider (no PIN) the first call sends the hashes to the person's phone
   * and each later call asks the provider again, until approved (signed), declined or expired.
   */
  z.strictObject({ action: z.literal('approve'), batch_id: uuid('Mã lượt ký'), pin: pinSchema.optional() }),
  /** The admin board configures the school's remote signing provider (the client secret is sealed, never returned). */
  z.strictObject({
    action: z.literal('configure_provider'),
    school_id: uuid('Mã trường'),
    provider: z.enum(['vnpt_smartca', 'viettel_mysign', 'other'], { error: 'Nhà cung cấp ký số không hợp lệ.' }),
    base_url: z.string().trim().regex(/^https?:\/\/\S+$/, { error: 'Địa chỉ dịch vụ ký số phải bắt đầu bằng https://.' }).max(300),
    client_id: z.string().trim().min(1, { error: 'Cần nhập mã khách hàng (client id).' }).max(200),
    client_secret: z.string().min(1, { error: 'Cần nhập khoá bí mật (client secret).' }).max(500),
    trusted_root_pem: z.string().regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, { error: 'Cần chứng thư gốc (root) của nhà cung cấp, dạng PEM.' }).max(20000),
  }),
  /** The trust anchors (root and TSA certificates, PEM) and where the CRLs are. */
  z.strictObject({ action: z.literal('trust') }),
], { error: 'Thao tác ký số không được hỗ trợ (activate, revoke, start, approve, configure_provider, trust).' });
export type SignRequest = z.infer<typeof signRequestSchema>;
