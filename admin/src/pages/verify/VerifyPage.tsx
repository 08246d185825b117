import { createClient } from '@supabase/supabase-js';
import { Alert, Button, Descriptions, Flex, Input, List, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import type { RuntimeConfig } from '../../config.ts';
import { formatDate } from '../../i18n/format.ts';
import { fileMatch, sha256Hex, verifiedDocumentSchema, type VerifiedDocument } from './verify.ts';

const STATUS_COLOR = { current: 'green', superseded: 'orange', revoked: 'red' } as const;

/** The verify function's answer (supabase/functions/verify): each signature's checks, and what the archive knows. */
interface SignatureCheck {
  valid: boolean;
  signatures: { index: number; signer: string; signedAt: string | null; valid: boolean; checks: { ok: boolean; label: string; detail: string }[] }[];
  document: { message: string; current_version?: boolean; latest_revision?: boolean } | null;
}

/**
 * Tra cứu văn bản (#/verify/<code>), for anyone, signed in or not: what the code on a printed page
 * stands for (rpc verify_document, as anon) and, for a PDF dropped on the page, whether its bytes are
 * the archived ones — hashed here in the browser, never uploaded.
 */
export function VerifyPage({ config }: { config: RuntimeConfig }) {
  const { t } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(params.code ?? '');
  const [result, setResult] = useState<VerifiedDocument | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [match, setMatch] = useState<ReturnType<typeof fileMatch> | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SignatureCheck | null>(null);
  const [checking, setChecking] = useState(false);

  // The file's signatures, item by item (the verify function): only when the person asks, the file is sent
  // for that check and not kept.
  const checkSignatures = async () => {
    if (!file) return;
    setChecking(true);
    setFailure(null);
    const res = await fetch(`${config.supabaseUrl}/functions/v1/verify`, {
      method: 'POST',
      headers: { apikey: config.anonKey, Authorization: `Bearer ${config.anonKey}`, 'Content-Type': 'application/pdf' },
      body: file,
    }).catch(() => null);
    setChecking(false);
    const body = res ? await res.json().catch(() => null) as (SignatureCheck & { message?: string }) | null : null;
    if (!res?.ok || !body) return setFailure(body?.message ?? t('verify.signatures_failed'));
    setReport(body);
  };

  const lookUp = useCallback(
    async (value: string) => {
      setBusy(true);
      setFailure(null);
      setMatch(null);
      setReport(null);
      const anon = createClient<Database>(config.supabaseUrl, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      const { data, error } = await anon.rpc('verify_document', { p_code: value });
      setBusy(false);
      if (error) {
        setResult(undefined);
        return setFailure(error.message);
      }
      setResult(data === null ? null : verifiedDocumentSchema.parse(data));
    },
    [config],
  );

  useEffect(() => {
    if (params.code) void lookUp(params.code);
  }, [params.code, lookUp]);

  const submit = () => {
    const clean = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    if (clean === params.code) void lookUp(clean);
    else navigate(`/verify/${clean}`);
  };

  return (
    <AuthCard title={t('verify.title')} subtitle={t('verify.intro')} testId="verify-page">
      <Flex vertical gap="middle">
        <Flex gap="small">
          <Input
            aria-label={t('verify.code')}
            placeholder={t('verify.code_placeholder')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={submit}
          />
          <Button type="primary" loading={busy} onClick={submit}>
            {t('verify.check')}
          </Button>
        </Flex>
        {failure ? <Alert type="error" showIcon message={t('verify.failed')} description={failure} /> : null}
        {result === null ? <Alert type="warning" showIcon message={t('verify.not_found')} /> : null}
        {result ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('verify.fields.kind')}>{t(`verify.kinds.${result.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.fields.school_name')}>{result.school_name}</Descriptions.Item>
              {result.school_year_code ? (
                <Descriptions.Item label={t('verify.fields.school_year_code')}>{result.school_year_code}</Descriptions.Item>
              ) : null}
              {result.student_initials ? (
                <Descriptions.Item label={t('verify.fields.student')}>
                  {t('verify.fields.student_value', { initials: result.student_initials, year: result.birth_year ?? '' })}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('verify.fields.issued_on')}>{formatDate(result.issued_on)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.fields.version')}>{result.version}</Descriptions.Item>
              <Descriptions.Item label={t('verify.fields.status')}>
                <Tag color={STATUS_COLOR[result.status]} data-testid="verify-status">
                  {t(`verify.statuses.${result.status}`)}
                </Tag>
              </Descriptions.Item>
            </Descriptions>
            <Upload.Dragger
              accept="application/pdf"
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                setReport(null);
                void f.arrayBuffer().then(sha256Hex).then((sha) => setMatch(fileMatch(result, sha)));
                return Upload.LIST_IGNORE;
              }}
            >
              <p>
                <strong>{t('verify.file_title')}</strong>
              </p>
              <p>{t('verify.file_hint')}</p>
            </Upload.Dragger>
            {match?.kind === 'print' ? <Alert type="success" showIcon message={t('verify.file_match')} data-testid="verify-match" /> : null}
            {match?.kind === 'signed' ? (
              <Alert type="success" showIcon data-testid="verify-match"
                message={t(match.revision === match.of ? 'verify.file_signed_latest' : 'verify.file_signed_earlier', { revision: match.revision, of: match.of })} />
            ) : null}
            {match?.kind === 'none' ? <Alert type="error" showIcon message={t('verify.file_mismatch')} data-testid="verify-match" /> : null}
            {file ? (
              <Button onClick={() => void checkSignatures()} loading={checking} data-testid="verify-signatures">{t('verify.signatures_check')}</Button>
            ) : null}
            {report ? (
              <Flex vertical gap="small" data-testid="verify-report">
                {report.signatures.length === 0 ? <Alert type="warning" showIcon message={t('verify.signatures_none')} /> : null}
                {report.signatures.map((sig) => (
                  <List key={sig.index} size="small" bordered
                    header={<Typography.Text strong>{t('verify.signature_title', { index: sig.index, signer: sig.signer, at: sig.signedAt ? formatDate(sig.signedAt) : '' })} <Tag color={sig.valid ? 'green' : 'red'}>{t(sig.valid ? 'verify.signature_valid' : 'verify.signature_invalid')}</Tag></Typography.Text>}
                    dataSource={sig.checks}
                    renderItem={(c) => <List.Item><Typography.Text type={c.ok ? undefined : 'danger'}>{c.ok ? '✓' : '✗'} {c.label}: {c.detail}</Typography.Text></List.Item>} />
                ))}
                {report.document?.message ? <Alert type={report.document.current_version && report.document.latest_revision ? 'info' : 'warning'} showIcon message={report.document.message} /> : null}
              </Flex>
            ) : null}
          </>
        ) : null}
      </Flex>
    </AuthCard>
  );
}
