// sign: digital signatures (issue 15). Parse → authenticate → the RPC that decides, called AS THE CALLER
// (Vietnamese refusals, whatever the client) → the cryptography with the service role (_shared/signing/
// service.ts). Actions: activate a certificate request (a PIN, or a remote provider's credential id), revoke
// a certificate, start a batch (the jobs worker prepares its files), approve a prepared batch (the PIN, or
// the person's phone: 202 while pending), configure the school's remote provider, the trust anchors.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../_shared/database.ts';
import { HttpError, handle, json } from '../_shared/http.ts';
import { authenticate, env } from '../_shared/auth.ts';
import { signRequestSchema } from '../_shared/contracts/sign.ts';
import { firstIssue } from '../_shared/contracts/print.ts';
import { anchors, configureProvider, crlUrl, issueCertificate, linkRemoteCertificate, PendingApproval, publishCrl, signBatch, unb64, type Activation, type Approval } from '../_shared/signing/service.ts';
import { pem } from '../_shared/signing/pki.ts';

/** An RPC's refusal as the function answers it: 403 for "not allowed" (42501), else 400, with its sentence. */
function refused(error: { code?: string; message: string }): HttpError {
  return error.code === '42501' ? new HttpError(403, 'not_allowed', error.message) : new HttpError(400, 'refused', error.message);
}

const serviceClient = () =>
  createClient<Database>(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), { auth: { persistSession: false, autoRefreshToken: false } });

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const caller = await authenticate(req);
    if (caller.role !== 'authenticated') throw new HttpError(403, 'not_allowed', 'Bạn cần đăng nhập để ký số.');
    const parsed = signRequestSchema.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;
    const service = serviceClient();

    if (body.action === 'activate') {
      const { data, error } = await caller.client.rpc('certificate_activation', { p_request_id: body.request_id });
      if (error) throw refused(error);
      const a = data as unknown as Activation;
      if (a.remote && !body.credential_id) throw new HttpError(400, 'validation_failed', 'Trường ký số qua nhà cung cấp dịch vụ: cần nhập mã tài khoản ký số từ xa của bạn.');
      if (!a.remote && !body.pin) throw new HttpError(400, 'validation_failed', 'Cần nhập mã PIN ký số.');
      const cert = a.remote ? await linkRemoteCertificate(service, a, body.credential_id!) : await issueCertificate(service, a, body.pin!);
      return json(201, { certificate: { id: cert.id, serial: cert.serial, subject: cert.subject, not_before: cert.not_before, not_after: cert.not_after } });
    }

    if (body.action === 'revoke') {
      const { error } = await caller.client.rpc('revoke_certificate', { p_certificate_id: body.certificate_id, p_reason: body.reason });
      if (error) throw refused(error);
      const { data: cert } = await service.from('certificates').select('issuer_id').eq('id', body.certificate_id).single();
      const { data: issuer } = await service.from('certificates').select('*').eq('id', cert!.issuer_id!).single();
      if (issuer) await publishCrl(service, issuer);
      return json(200, { revoked: body.certificate_id, crl: issuer ? crlUrl(issuer.id) : null });
    }

    if (body.action === 'start') {
      const { data, error } = await caller.client.rpc('start_signing_batch', {
        p_class_id: body.class_id, p_role: body.role, ...(body.subject_id ? { p_subject_id: body.subject_id } : {}),
        ...(body.document ? { p_document: body.document } : {}),
      });
      if (error) throw refused(error);
      return json(202, data);
    }

    if (body.action === 'approve') {
      const { data, error } = await caller.client.rpc('signing_batch_for_approval', { p_batch_id: body.batch_id });
      if (error) throw refused(error);
      try {
        return json(200, await signBatch(service, data as unknown as Approval, body.pin));
      } catch (e) {
        if (e instanceof PendingApproval) return json(202, { status: 'pending', expires_at: e.expiresAt.toISOString(), message: e.message });
        throw e;
      }
    }

    if (body.action === 'configure_provider') {
      const { error } = await caller.client.rpc('signing_provider_check', { p_school_id: body.school_id });
      if (error) throw refused(error);
      await configureProvider(service, { ...body, actor: caller.userId! });
      return json(200, { school_id: body.school_id, provider: body.provider });
    }

    const { root, tsa } = await anchors(service);
    return json(200, { root_pem: pem(unb64(root.der_base64)), tsa_pem: pem(unb64(tsa.der_base64)), root_crl: crlUrl(root.id), root_url: `${env('SUPABASE_URL')}/storage/v1/object/public/pki/root.crt` });
  }),
);
