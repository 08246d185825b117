import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { formatDate } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { HistoryButton, HistoryDrawer, StatusTags, TextModal } from './DossierParts.tsx';
import { downloadVersion, type DossierRow } from './useDossiers.ts';

/**
 * Duyệt hồ sơ: the submitted dossiers the caller reviews (rpc dossier_list p_to_review: the item's
 * reviewer — the principal, BGH, the head of the teacher's department — never their own). Approve, or
 * return with a comment bound to the version (rpc review_dossier); download the version first.
 */
export function ReviewPage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const [busy, setBusy] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  const [returning, setReturning] = useState<DossierRow>();
  const [history, setHistory] = useState<DossierRow>();
  const queue = useQuery({
    queryKey: ['dossier_list', 'review', year?.id],
    enabled: !!year,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('dossier_list', { p_school_year_id: year!.id, p_to_review: true, p_limit: 2000 });
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  const what = (r: DossierRow) => `${r.item_name} — ${r.label}`;
  const review = async (r: DossierRow, decision: 'approve' | 'return', comment?: string): Promise<string | undefined> => {
    setBusy(`${decision}-${r.id}`);
    setRefusal(undefined);
    const { error } = await supabase.rpc('review_dossier', { p_version_id: r.current_version_id, p_decision: decision, ...(comment ? { p_comment: comment } : {}) });
    if (error) {
      setBusy(undefined);
      const text = errorMessage(error);
      if (decision === 'approve') setRefusal(text);
      return text;
    }
    await queue.refetch();
    setBusy(undefined);
    setReturning(undefined);
    message.success(t(decision === 'approve' ? 'dossiers.review.approved' : 'dossiers.review.returned', { what: what(r), party: r.party_name }));
    return undefined;
  };
  const download = async (r: DossierRow) => {
    setBusy(`download-${r.id}`);
    const error = await downloadVersion(supabase, r.current_version_id);
    setBusy(undefined);
    if (error) message.error(error);
  };
  return (
    <Flex vertical gap={12} data-testid="dossier-reviews-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('menu.dossier_reviews')}</Typography.Title>
      <Alert type="info" showIcon message={t('dossiers.review.hint')} />
      <Space wrap><YearSelect years={years} value={year?.id} onChange={setYearId} /></Space>
      {queue.error ? <Alert type="error" showIcon message={(queue.error as Error).message} /> : null}
      {refusal ? <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} message={refusal} data-testid="dossier-refusal" /> : null}
      <Table<DossierRow>
        data-testid="dossier-review-table"
        rowKey="id"
        size="small"
        loading={queue.isLoading}
        dataSource={queue.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('dossiers.review.empty')} /> }}
        onRow={(r) => ({ 'data-testid': `review-row-${r.item_code}-${r.period_start}`, 'data-party': r.party_name } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('dossiers.fields.party'), dataIndex: 'party_name' },
          { title: t('dossiers.fields.item'), dataIndex: 'item_name' },
          { title: t('dossiers.fields.period'), dataIndex: 'label' },
          { title: t('dossiers.fields.due'), dataIndex: 'due_on', render: (d: string) => formatDate(d) },
          { title: t('dossiers.fields.status'), key: 'status', render: (_: unknown, r: DossierRow) => <StatusTags row={r} /> },
          {
            title: t('dossiers.fields.version'), key: 'version',
            render: (_: unknown, r: DossierRow) => (
              <Space size={4}>
                <span>v{r.current_version}</span>
                {r.current_signed ? <Tag color="green">{t('dossiers.marks.signed')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'), key: 'actions', width: 320,
            render: (_: unknown, r: DossierRow) => (
              <Space size={4} wrap>
                <Button size="small" loading={busy === `download-${r.id}`} onClick={() => void download(r)} data-testid="review-download">{t('dossiers.actions.download')}</Button>
                <ActionButton resource="dossier_reviews" action="approve" allowed={r.can_review} size="small" type="primary" loading={busy === `approve-${r.id}`}
                  onClick={() => void review(r, 'approve')} data-testid="review-approve">
                  {t('dossiers.review.approve')}
                </ActionButton>
                <ActionButton resource="dossier_reviews" action="approve" allowed={r.can_review} size="small" danger onClick={() => setReturning(r)} data-testid="review-return">
                  {t('dossiers.review.return')}
                </ActionButton>
                <HistoryButton onClick={() => setHistory(r)} />
              </Space>
            ),
          },
        ]}
      />
      {returning ? (
        <TextModal title={t('dossiers.review.return_title', { what: what(returning), party: returning.party_name })} label={t('dossiers.review.return_comment')}
          okText={t('dossiers.review.return')} min={3} danger onOk={(text) => review(returning, 'return', text)} onClose={() => setReturning(undefined)} testId="review-return" />
      ) : null}
      {history ? <HistoryDrawer row={history} onClose={() => setHistory(undefined)} /> : null}
    </Flex>
  );
}
