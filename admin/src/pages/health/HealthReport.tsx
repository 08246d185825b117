import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Card, Flex, Select, Space, Table, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { useCurrentClasses } from './useHealth.ts';
import { REPORT_COUNTS } from '../../../../supabase/functions/_shared/contracts/health.ts';

export const COUNTS = REPORT_COUNTS;
type Count = number | string;
export type ReportRow = { total: boolean; grade: number | null; sex: 'male' | 'female' | null } & Record<(typeof COUNTS)[number], Count>;
export interface Report { school: { id: string; name: string }; school_year: { id: string; code: string }; masked: boolean; rows: ReportRow[] }

const show = (v: Count) => (typeof v === 'number' ? formatNumber(v) : v);

/** rpc health_report of a school (and optionally one class). */
export function useHealthReport(schoolId: string | undefined, classId?: string) {
  const supabase = useSupabase();
  return useQuery({
    queryKey: ['health_report', schoolId, classId],
    enabled: !!schoolId,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('health_report', { p_school_id: schoolId!, ...(classId ? { p_class_id: classId } : {}) });
      if (error) throw new Error(errorMessage(error));
      return data as unknown as Report;
    },
  });
}

/** The report as a table per grade × sex and the total (counts may read "< 5" for officers). */
export function ReportTable({ report, compact = false }: { report: Report; compact?: boolean }) {
  const t = useTranslate();
  const cols = compact ? (['enrolled', 'examined', 'thin', 'stunted', 'overweight', 'obese', 'refractive', 'dental', 'informed'] as const) : COUNTS;
  return (
    <Table<ReportRow> data-testid="health-report-table" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={report.rows}
      rowKey={(r) => (r.total ? 'total' : `${r.grade}-${r.sex}`)}
      columns={[
        { title: t('health.report.grade'), key: 'grade', fixed: 'left', render: (_, r) => (r.total ? <strong>{t('health.report.total')}</strong> : t('health.report.grade_value', { grade: r.grade })) },
        { title: t('health.report.sex'), key: 'sex', render: (_, r) => (r.sex ? t(`health.report.sexes.${r.sex}`) : '') },
        ...cols.map((c) => ({ title: t(`health.report.${c}`), key: c, align: 'right' as const, render: (_: unknown, r: ReportRow) => show(r[c]) })),
      ]} />
  );
}

const STATUS = ['severely_thin', 'thin', 'normal', 'overweight', 'obese'] as const;

/** A stacked bar per grade × sex of the nutrition status (thin counts severely thin too; normal is the rest of those measured). */
export function NutritionChart({ report }: { report: Report }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const colors: Record<(typeof STATUS)[number], string> = {
    severely_thin: token.colorError, thin: token.colorWarning, normal: token.colorSuccess, overweight: token.colorInfo, obese: token.colorPrimaryActive,
  };
  const rows = report.rows.filter((r) => !r.total);
  const n = (v: Count) => (typeof v === 'number' ? v : 0);
  const parts = (r: ReportRow) => {
    const thin = n(r.thin) - n(r.severely_thin);
    const normal = Math.max(0, n(r.examined) - n(r.thin) - n(r.overweight) - n(r.obese) - n(r.unclassified));
    return { severely_thin: n(r.severely_thin), thin: Math.max(0, thin), normal, overweight: n(r.overweight), obese: n(r.obese) };
  };
  return (
    <Card size="small" title={t('health.report.chart')} data-testid="health-report-chart">
      <Flex vertical gap={6}>
        {rows.map((r) => {
          const p = parts(r);
          const total = STATUS.reduce((s, k) => s + p[k], 0) || 1;
          return (
            <Flex key={`${r.grade}-${r.sex}`} gap={8} align="center">
              <Typography.Text style={{ width: 96, flex: 'none' }}>{t('health.report.grade_value', { grade: r.grade })} · {r.sex ? t(`health.report.sexes.${r.sex}`) : ''}</Typography.Text>
              <Flex style={{ flex: 1, height: 18, borderRadius: token.borderRadiusSM, overflow: 'hidden', background: token.colorFillSecondary }}>
                {STATUS.map((k) => p[k] ? (
                  <div key={k} title={`${t(`health.report.${k}`)}: ${p[k]}`} style={{ width: `${(100 * p[k]) / total}%`, background: colors[k] }} />
                ) : null)}
              </Flex>
            </Flex>
          );
        })}
        <Space wrap size={12}>
          {STATUS.map((k) => (
            <Space key={k} size={4}><span style={{ display: 'inline-block', width: 10, height: 10, background: colors[k] }} />{t(`health.report.${k}`)}</Space>
          ))}
        </Space>
        {report.masked ? <Typography.Text type="secondary">{t('health.report.masked')}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

/** Báo cáo: the school's (or a class's) report, the chart, and print/export through the health-records function. */
export function HealthReport({ schoolId }: { schoolId: string | undefined }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { classes } = useCurrentClasses();
  const [classId, setClassId] = useState<string>();
  const report = useHealthReport(schoolId, classId);
  const [busy, setBusy] = useState<string>();
  const download = async (format: 'pdf' | 'xlsx') => {
    if (!schoolId) return;
    setBusy(format);
    const { data, error } = await supabase.functions.invoke('health-records', {
      body: { action: 'report', format, school_id: schoolId, ...(report.data ? { school_year_id: report.data.school_year.id } : {}), ...(classId ? { class_id: classId } : {}) },
    });
    setBusy(undefined);
    if (error) return message.error(await functionErrorMessage(error));
    const blob = data instanceof Blob ? data : new Blob([JSON.stringify(data)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `bao-cao-y-te.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Flex vertical gap={12} data-testid="health-report">
      <Space wrap>
        <Select allowClear placeholder={t('health.report.all_classes')} style={{ minWidth: 160 }} value={classId} onChange={setClassId} data-testid="report-class"
          options={classes.map((c) => ({ value: c.id, label: c.name }))} />
        <ActionButton resource="health" action="print" row={schoolId ? { school_id: schoolId } : undefined} icon={<PrinterOutlined />} loading={busy === 'pdf'}
          onClick={() => void download('pdf')}>{t('health.report.print')}</ActionButton>
        <ActionButton resource="health" action="export" row={schoolId ? { school_id: schoolId } : undefined} icon={<DownloadOutlined />} loading={busy === 'xlsx'}
          onClick={() => void download('xlsx')}>{t('health.report.export')}</ActionButton>
      </Space>
      {report.error ? <Alert type="error" showIcon message={(report.error as Error).message} /> : null}
      {report.data ? (
        <>
          <Typography.Title level={5}>{t('health.report.pick', { year: report.data.school_year.code })}{report.data.school ? ` — ${report.data.school.name}` : ''}</Typography.Title>
          <ReportTable report={report.data} />
          <NutritionChart report={report.data} />
        </>
      ) : null}
    </Flex>
  );
}
