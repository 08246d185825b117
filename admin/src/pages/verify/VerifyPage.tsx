import { createClient } from '@supabase/supabase-js';
import { Alert, Button, Descriptions, Flex, Input, Tag, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import type { RuntimeConfig } from '../../config.ts';
import { formatDate } from '../../i18n/format.ts';
import { sha256Hex, verifiedDocumentSchema, type VerifiedDocument } from './verify.ts';

const STATUS_COLOR = { current: 'green', superseded: 'orange', revoked: 'red' } as const;

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
  const [match, setMatch] = useState<boolean | null>(null);

  const lookUp = useCallback(
    async (value: string) => {
      setBusy(true);
      setFailure(null);
      setMatch(null);
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
              beforeUpload={(file) => {
                void file.arrayBuffer().then(sha256Hex).then((sha) => setMatch(sha === result.sha256));
                return Upload.LIST_IGNORE;
              }}
            >
              <p>
                <strong>{t('verify.file_title')}</strong>
              </p>
              <p>{t('verify.file_hint')}</p>
            </Upload.Dragger>
            {match === true ? <Alert type="success" showIcon message={t('verify.file_match')} data-testid="verify-match" /> : null}
            {match === false ? <Alert type="error" showIcon message={t('verify.file_mismatch')} data-testid="verify-match" /> : null}
          </>
        ) : null}
      </Flex>
    </AuthCard>
  );
}
