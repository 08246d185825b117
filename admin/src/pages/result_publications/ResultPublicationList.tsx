import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, App, Flex, Segmented, Space, Table, Tag, Typography, theme, type ButtonProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import type { ClassRow } from '../../components/useYearData.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Identity } from '../../providers/userContext.ts';
import { useProfileNames } from '../../components/useLockDecisions.ts';
import { PERIODS, periodSemester, type Period } from '../../shared/classSummary.ts';
import { PublicationHistory } from './PublicationHistory.tsx';
import { ReturnModal } from './ReturnModal.tsx';
import { orderClasses, publicationOf, returnNote, statusOf, stepCell, type PublicationAction, type PublicationRow } from './publications.ts';
import { useAdvanceResults, usePublicationSteps, usePublications } from './usePublications.ts';

interface Row {
  cls: ClassRow;
  publication: PublicationRow | undefined;
}

const STATUS_COLORS = { draft: 'default', proposed: 'processing', approved: 'warning', published: 'success' } as const;
const STEPS = [
  ['proposed', 'proposed_by', 'proposed_at'],
  ['approved', 'approved_by', 'approved_at'],
  ['published', 'published_by', 'published_at'],
] as const;

/**
 * Duyệt và công bố kết quả: for the chosen year and period, each class's results on their way from the
 * GVCN's submission to the board's approval and publication, with the steps the user may take (as
 * rpc/publication_steps answers them, each an ActionButton of its matrix cell) and the history. A
 * homeroom teacher finds their own class first, and what is missing before it can be submitted.
 */
export function ResultPublicationList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message, modal } = App.useApp();
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId, classes } = useHomeroomClass();
  const [period, setPeriod] = useState<Period>('1');
  const semester = periodSemester(period);
  const { publications, events, loading, error, refetch } = usePublications(year?.id);
  const advance = useAdvanceResults();
  const [version, setVersion] = useState(0);
  const steps = usePublicationSteps(year?.id, semester, version);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; message: string } | null>(null);
  const [returning, setReturning] = useState<ClassRow | null>(null);

  const rows: Row[] = useMemo(
    () => orderClasses(classes, identity?.id).map((cls) => ({ cls, publication: publicationOf(publications, cls.id, semester) })),
    [classes, identity?.id, publications, semester],
  );
  const names = useProfileNames([
    ...classes.map((c) => c.homeroom_teacher_id),
    ...publications.flatMap((p) => [p.proposed_by, p.approved_by, p.published_by]),
    ...events.map((e) => e.actor_id),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? t('common.empty')) : t('common.empty'));

  const run = async (cls: ClassRow, action: PublicationAction, note?: string) => {
    setBusy(`${action}-${cls.id}`);
    setRefusal(null);
    const refused = await advance(cls.id, semester, action, note);
    if (refused) {
      setBusy(null);
      return setRefusal({ title: t('result_publications.refused', { name: cls.name }), message: refused });
    }
    // The button keeps spinning until the table shows the new state.
    await refetch();
    setVersion((v) => v + 1);
    setBusy(null);
    setReturning(null);
    message.success(t(`result_publications.done.${action}`, { name: cls.name }));
  };

  const confirmPublish = (cls: ClassRow) =>
    modal.confirm({
      title: t('result_publications.publish_confirm', { name: cls.name }),
      okText: t('result_publications.actions.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': `publication-publish-confirm-${cls.name}` } as ButtonProps,
      onOk: () => run(cls, 'publish'),
    });

  const actionButton = (cls: ClassRow, action: PublicationAction) => (
    <ActionButton
      key={action}
      resource="result_publications"
      action={stepCell(action)}
      row={{ school_id: cls.school_id, class_id: cls.id }}
      size="small"
      loading={busy === `${action}-${cls.id}`}
      disabled={busy !== null && busy !== `${action}-${cls.id}`}
      danger={action === 'return' || action === 'withdraw'}
      type={action === 'approve' || action === 'publish' || action === 'propose' ? 'primary' : 'default'}
      data-testid={`publication-action-${action}-${cls.name}`}
      onClick={() => (action === 'return' ? setReturning(cls) : action === 'publish' ? confirmPublish(cls) : void run(cls, action))}
    >
      {t(`result_publications.actions.${action}`)}
    </ActionButton>
  );

  return (
    <Flex vertical gap={token.margin} data-testid="publications-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('result_publications.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <Space>
            <Typography.Text>{t('result_publications.period')}</Typography.Text>
            <Segmented<Period>
              data-testid="period-select"
              value={period}
              onChange={setPeriod}
              options={PERIODS.map((p) => ({ value: p, label: <span data-testid={`period-${p}`}>{t(`student_results.periods.${p}`)}</span> }))}
            />
          </Space>
        </Flex>
      </Flex>
      <Alert type="info" showIcon message={t('result_publications.intro')} />
      {error && <Alert type="error" showIcon message={t('result_publications.load_error')} description={error} />}
      {refusal && (
        <Alert data-testid="publication-error" type="error" showIcon closable onClose={() => setRefusal(null)} message={refusal.title} description={refusal.message} />
      )}
      <Table<Row>
        dataSource={rows}
        loading={loading}
        rowKey={(r) => r.cls.id}
        size="middle"
        pagination={false}
        locale={{ emptyText: t('result_publications.empty') }}
        onRow={(r) => ({ 'data-testid': `publication-row-${r.cls.name}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (r) => !!r.publication,
          expandedRowRender: (r) => <PublicationHistory events={events.filter((e) => e.publication_id === r.publication?.id)} names={names} />,
        }}
      >
        <Table.Column<Row>
          key="class"
          title={t('result_publications.fields.class')}
          render={(_, r) => (
            <Space>
              <Typography.Text strong>{r.cls.name}</Typography.Text>
              {identity && r.cls.homeroom_teacher_id === identity.id && <Tag color="blue">{t('result_publications.mine')}</Tag>}
            </Space>
          )}
        />
        <Table.Column<Row> key="homeroom" title={t('result_publications.fields.homeroom_teacher')} render={(_, r) => name(r.cls.homeroom_teacher_id)} />
        <Table.Column<Row>
          key="status"
          title={t('result_publications.fields.status')}
          render={(_, r) => {
            const status = statusOf(r.publication);
            const note = returnNote(events, r.publication);
            return (
              <Flex vertical align="flex-start" gap={token.marginXXS}>
                <Tag color={STATUS_COLORS[status]} data-testid={`publication-status-${r.cls.name}`}>
                  {t(`result_publications.statuses.${status}`)}
                </Tag>
                {note && <Typography.Text type="warning">{t('result_publications.returned', { note })}</Typography.Text>}
              </Flex>
            );
          }}
        />
        <Table.Column<Row>
          key="progress"
          title={t('result_publications.fields.progress')}
          render={(_, r) => {
            const p = r.publication;
            if (!p || p.status === 'draft') return t('common.empty');
            return (
              <Flex vertical>
                {STEPS.filter(([, by, at]) => p[by] && p[at]).map(([step, by, at]) => (
                  <Typography.Text key={step}>{t(`result_publications.steps.${step}`, { name: name(p[by]), at: formatDateTime(p[at]) })}</Typography.Text>
                ))}
              </Flex>
            );
          }}
        />
        <Table.Column<Row>
          key="actions"
          title={t('result_publications.fields.actions')}
          render={(_, r) => {
            const answer = steps.get(r.cls.id);
            if (answer?.missing) return <Typography.Text type="warning" data-testid={`publication-missing-${r.cls.name}`}>{t('result_publications.missing', { missing: answer.missing })}</Typography.Text>;
            return answer?.steps.length ? <Space wrap>{answer.steps.map((a) => actionButton(r.cls, a))}</Space> : null;
          }}
        />
      </Table>
      <ReturnModal
        className={returning?.name ?? ''}
        open={returning !== null}
        saving={busy !== null}
        onCancel={() => setReturning(null)}
        onReturn={(note) => returning && void run(returning, 'return', note)}
      />
    </Flex>
  );
}
