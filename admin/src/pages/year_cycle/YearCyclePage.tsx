import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DateItem } from '../../components/DateItem.tsx';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useForgetIdentity } from '../../providers/identityRefresh.tsx';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import { PlacementCard } from './PlacementCard.tsx';
import { SemesterTwoModal } from './SemesterTwoModal.tsx';

const DATE_FIELDS = ['starts_on', 'semester1_ends_on', 'semester2_starts_on', 'ends_on'] as const;

interface Year {
  id: string;
  code: string;
  starts_on: string;
  semester1_ends_on: string;
  semester2_starts_on: string;
  ends_on: string;
  opened_at: string | null;
  opened_by: string | null;
  semester2_started_at: string | null;
  is_current: boolean;
}
type Dates = Pick<Year, (typeof DATE_FIELDS)[number]>;

const nextCode = (code: string) => `${Number(code.slice(0, 4)) + 1}-${Number(code.slice(0, 4)) + 2}`;
const yearOn = (d: string) => dayjs(d).add(1, 'year').format('YYYY-MM-DD');

/**
 * Chuyển năm học (issue 20; migration 20261205040000_school_year_cycle.sql): the admin board prepares the
 * next school year from the current one (rpc prepare_school_year), places the students (PlacementCard) and
 * opens it (rpc open_school_year). Postgres decides who may and checks every step; this page only reflects it.
 */
export function YearCyclePage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const forgetIdentity = useForgetIdentity();
  const { data: identity } = useGetIdentity<Identity>();
  const school = identity?.schoolsByRole.admin_board?.[0] ?? null;
  const [form] = Form.useForm<Dates>();
  const [preparing, setPreparing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [semesterTwo, setSemesterTwo] = useState<Year | null>(null);

  const years = useQuery({
    queryKey: ['year_cycle', school],
    enabled: !!school,
    queryFn: async () => {
      const { data, error } = await supabase.from('school_years')
        .select('id, code, starts_on, semester1_ends_on, semester2_starts_on, ends_on, opened_at, opened_by, semester2_started_at, is_current')
        .eq('school_id', school!).order('starts_on');
      if (error) throw error;
      return data as Year[];
    },
  });
  // The school's current year, as the database decides (is_current: the latest opened year started by "today").
  const current = years.data?.find((y) => y.is_current) ?? null;
  const next = current ? years.data?.find((y) => y.code === nextCode(current.code)) ?? null : null;
  // Students are placed into the year being prepared, or into the current year the board opened (a held
  // student placed after the re-test); the year before it is where they come from.
  const placeInto = next ?? (current?.opened_by ? current : null);
  const placeFrom = placeInto ? years.data?.filter((y) => y.starts_on < placeInto.starts_on).at(-1) ?? null : null;

  const prepare = async (dates: Dates) => {
    setBusy(true);
    setFailure(null);
    const { data, error } = await supabase.rpc('prepare_school_year', {
      p_school_id: school!, p_starts_on: dates.starts_on, p_semester1_ends_on: dates.semester1_ends_on,
      p_semester2_starts_on: dates.semester2_starts_on, p_ends_on: dates.ends_on,
    });
    setBusy(false);
    if (error) return setFailure(errorMessage(error));
    const made = data as Record<string, number | string>;
    setPreparing(false);
    setDone(t('year_cycle.prepared', Object.fromEntries(Object.entries(made).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v) : v]))));
    await queryClient.invalidateQueries({ queryKey: ['year_cycle', school] });
  };

  const open = async (year: Year) => {
    setFailure(null);
    const { error } = await supabase.rpc('open_school_year', { p_school_year_id: year.id });
    if (error) return setFailure(errorMessage(error));
    setDone(t('year_cycle.opened', { code: year.code }));
    // A year whose first day has come is now the current one: every screen (the identity's roles, the
    // year pickers) reads again.
    forgetIdentity();
    await queryClient.invalidateQueries();
  };

  if (!school) return <Alert type="info" showIcon message={t('year_cycle.no_school')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="year-cycle-page">
      <Typography.Title level={3}>{t('year_cycle.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('year_cycle.hint')}</Typography.Paragraph>
      {years.error && <Alert type="error" showIcon message={errorMessage(years.error)} />}
      {failure && <Alert data-testid="year-cycle-error" type="error" showIcon message={failure} closable onClose={() => setFailure(null)} />}
      {done && <Alert data-testid="year-cycle-done" type="success" showIcon message={done} closable onClose={() => setDone(null)} />}
      <Card
        title={t('year_cycle.years')}
        extra={current && !next && (
          <Button type="primary" data-testid="year-prepare" onClick={() => setPreparing(true)}>
            {t('year_cycle.prepare', { code: nextCode(current.code) })}
          </Button>
        )}
      >
        <Table<Year>
          data-testid="years-table"
          rowKey="id"
          size="small"
          loading={years.isLoading}
          dataSource={years.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'code', title: t('year_cycle.fields.code'), dataIndex: 'code' },
            ...DATE_FIELDS.map((f) => ({ key: f, title: t(`year_cycle.fields.${f}`), render: (_: unknown, y: Year) => formatDate(y[f]) })),
            {
              key: 'state', title: t('year_cycle.fields.state'),
              render: (_: unknown, y: Year) => (
                <Space>
                  {y.opened_at === null ? <Tag color="orange">{t('year_cycle.state.preparing')}</Tag>
                    : y.is_current ? <Tag color="green">{t('year_cycle.state.current')}</Tag> : <Tag>{t('year_cycle.state.open')}</Tag>}
                  {y.semester2_started_at !== null && <Tag color="blue">{t('year_cycle.semester2.started_tag')}</Tag>}
                  {y.is_current && y.opened_at !== null && y.semester2_started_at === null && (
                    <Button size="small" data-testid="year-semester2" onClick={() => setSemesterTwo(y)}>{t('year_cycle.semester2.start')}</Button>
                  )}
                  {y.opened_at === null && (
                    <Popconfirm title={t('year_cycle.open_confirm', { code: y.code, starts_on: formatDate(y.starts_on) })} onConfirm={() => open(y)}>
                      <Button size="small" type="primary" data-testid="year-open">{t('year_cycle.open')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {semesterTwo && (
        <SemesterTwoModal year={semesterTwo} onClose={(message) => {
          setSemesterTwo(null);
          if (message) {
            setDone(message);
            void queryClient.invalidateQueries({ queryKey: ['year_cycle', school] });
          }
        }} />
      )}
      {placeInto && placeFrom && <PlacementCard year={placeInto} from={placeFrom.code} opened={placeInto.opened_at !== null} />}
      <Modal
        open={preparing}
        title={current ? t('year_cycle.prepare_title', { code: nextCode(current.code) }) : ''}
        okText={t('year_cycle.prepare_ok')}
        confirmLoading={busy}
        onCancel={() => setPreparing(false)}
        onOk={() => form.validateFields().then(prepare)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('year_cycle.prepare_hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}
          initialValues={current ? Object.fromEntries(DATE_FIELDS.map((f) => [f, yearOn(current[f])])) : undefined}>
          {DATE_FIELDS.map((f) => <DateItem key={f} name={f} label={t(`year_cycle.fields.${f}`)} />)}
        </Form>
      </Modal>
    </Space>
  );
}
