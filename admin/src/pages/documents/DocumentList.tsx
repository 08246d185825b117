import { useList, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Form, Input, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses } from '../../components/useYearData.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { errorMessage, functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { saveBlob } from '../../shared/saveBlob.ts';
import { GradebookTab } from './GradebookTab.tsx';

interface JobRow { id: string; label: string; status: 'queued' | 'running' | 'done' | 'failed'; total: number; done: number; failed: number; created_at: string; finished_at: string | null; school_id: string }
interface StepRow { id: number; job_id: string; seq: number; status: string; attempts: number; error: string | null }
interface VersionRow {
  id: string; kind: string; unit_key: string; version: number; status: string; sha256: string; issued_on: string; verification_code: string;
  storage_path: string; superseded_by: string | null; correction_request_id: string | null; layout_version: number;
  students: { full_name: string | null } | null; school_years: { code: string } | null;
}
interface CopyRow {
  id: string; school_id: string; student_id: string; applicant_name: string; applicant_relation: string | null; reason: string;
  number: number | null; number_year: number | null; reissue_count: number | null; issued_on: string | null; created_at: string;
  students: { full_name: string | null } | null;
}

const JOB_COLORS = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;
const VERSION_COLORS: Record<string, string> = { current: 'success', superseded: 'warning', revoked: 'error' };

/** In theo lớp: the transcripts of a finished year for a class, a grade or the school, a job per class,
 *  and the jobs' progress and failures. */
function BatchTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const [scope, setScope] = useState<'class' | 'grade' | 'school'>('class');
  const [classId, setClassId] = useState<string>();
  const [grade, setGrade] = useState<number>();
  const [busy, setBusy] = useState(false);
  const cls = classes.find((c) => c.id === classId);
  const grades = [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b);
  // The classes of the batch: one, a grade's, or the school's — a job each (create_print_job checks each).
  const targets = scope === 'class' ? (cls ? [cls] : []) : scope === 'grade' ? classes.filter((c) => c.grade === grade) : classes;
  const jobs = useList<JobRow>({
    resource: 'jobs',
    sorters: [{ field: 'created_at', order: 'desc' }],
    pagination: { pageSize: 20 },
    queryOptions: { refetchInterval: (q) => ((q.state.data?.data ?? []).some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false) },
  });
  const jobRows = jobs.result.data;
  const failedJobIds = jobRows.filter((j) => j.failed > 0).map((j) => j.id);
  const steps = useList<StepRow>({
    resource: 'job_steps',
    filters: [{ field: 'job_id', operator: 'in', value: failedJobIds }, { field: 'status', operator: 'eq', value: 'failed' }],
    pagination: { mode: 'off' },
    queryOptions: { enabled: failedJobIds.length > 0 },
  });
  const start = async () => {
    if (targets.length === 0) return;
    setBusy(true);
    const refused: string[] = [];
    for (const c of targets) {
      const { error } = await supabase.rpc('create_print_job', { p_class_id: c.id });
      if (error) refused.push(targets.length > 1 ? `${c.name}: ${errorMessage(error)}` : errorMessage(error));
    }
    setBusy(false);
    void jobs.query.refetch();
    const started = targets.length - refused.length;
    if (started > 0) message.success(targets.length === 1 ? t('documents.batch_started') : t('documents.batch_started_count', { count: started }));
    if (refused.length) message.error(refused.join(' '));
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('documents.batch_intro')}</Typography.Paragraph>
      <Space wrap>
        <YearSelect years={years} value={year?.id} onChange={(id) => { setYearId(id); setClassId(undefined); setGrade(undefined); }} />
        <Select
          aria-label={t('documents.batch_scope')}
          data-testid="batch-scope"
          style={{ minWidth: 140 }}
          value={scope}
          onChange={setScope}
          options={(['class', 'grade', 'school'] as const).map((v) => ({ value: v, label: t(`documents.batch_scopes.${v}`) }))}
        />
        {scope === 'class' ? <ClassSelect classes={classes} value={classId} onChange={setClassId} testId="batch-class" /> : null}
        {scope === 'grade' ? (
          <Select aria-label={t('documents.batch_grade')} data-testid="batch-grade" style={{ minWidth: 120 }} value={grade} onChange={setGrade}
            placeholder={t('documents.batch_grade')} options={grades.map((g) => ({ value: g, label: t('documents.batch_grade_value', { grade: g }) }))} />
        ) : null}
        <ActionButton resource="documents" action="print"
          row={scope === 'class' ? (cls ? { school_id: cls.school_id, class_id: cls.id } : undefined) : targets[0] ? { school_id: targets[0].school_id } : undefined}
          type="primary" disabled={targets.length === 0} loading={busy} onClick={() => void start()} data-testid="batch-start">
          {t('documents.batch_start')}
        </ActionButton>
      </Space>
      <Table<JobRow>
        data-testid="jobs-table"
        rowKey="id"
        size="small"
        loading={jobs.query.isLoading}
        dataSource={jobRows}
        pagination={false}
        columns={[
          { title: t('documents.job'), dataIndex: 'label' },
          { title: t('documents.job_status'), dataIndex: 'status', render: (s: JobRow['status']) => <Tag color={JOB_COLORS[s]}>{t(`documents.job_statuses.${s}`)}</Tag> },
          {
            title: t('documents.job_progress'), key: 'progress', width: 260,
            render: (_: unknown, j: JobRow) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Progress percent={j.total ? Math.round((100 * (j.done + j.failed)) / j.total) : 0} size="small"
                  status={j.failed ? 'exception' : j.status === 'done' ? 'success' : 'active'} data-testid={`job-progress-${j.id}`} />
                <Typography.Text type="secondary" data-testid={`job-counts-${j.id}`}>{t('documents.job_counts', { done: j.done, total: j.total, failed: j.failed })}</Typography.Text>
              </Space>
            ),
          },
          { title: t('documents.job_created'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
        ]}
        expandable={{
          rowExpandable: (j) => j.failed > 0,
          expandedRowRender: (j) => (
            <ul>
              {steps.result.data.filter((s) => s.job_id === j.id).map((s) => (
                <li key={s.id}>{t('documents.step_failed', { seq: s.seq, attempts: s.attempts, error: s.error ?? '' })}</li>
              ))}
            </ul>
          ),
        }}
      />
    </Flex>
  );
}

/** Lưu trữ: every archived version — what, whose, which version, current or superseded, its hash. */
function ArchiveTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const { result, query } = useList<VersionRow>({
    resource: 'document_versions',
    meta: { select: 'id, kind, unit_key, version, status, sha256, issued_on, verification_code, storage_path, superseded_by, correction_request_id, layout_version, students(full_name), school_years(code)' },
    sorters: [{ field: 'created_at', order: 'desc' }],
    filters: search ? [{ field: 'verification_code', operator: 'contains', value: search.replace(/[^0-9A-Za-z]/g, '').toUpperCase() }] : [],
    pagination: { currentPage: page, pageSize: 20 },
  });
  const versionOf = new Map(result.data.map((v) => [v.id, v.version]));
  const fetchFile = async (v: VersionRow) => {
    const { data, error } = await supabase.storage.from('documents').download(v.storage_path);
    if (error || !data) return void message.error(error ? errorMessage(error) : t('documents.failed'));
    saveBlob(data, `${v.unit_key.replace(/[^0-9a-z_-]/gi, '_')}-v${v.version}.pdf`);
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('documents.archive_intro')}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t('documents.archive_search')} onSearch={(v) => { setSearch(v); setPage(1); }} style={{ maxWidth: 360 }} data-testid="archive-search" />
      <Table<VersionRow>
        data-testid="archive-table"
        rowKey="id"
        size="small"
        loading={query.isLoading}
        dataSource={result.data}
        pagination={{ current: page, pageSize: 20, total: result.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('verify.fields.kind'), dataIndex: 'kind', render: (k: string) => t(`verify.kinds.${k}`) },
          { title: t('verify.fields.student'), key: 'student', render: (_: unknown, v: VersionRow) => v.students?.full_name ?? '' },
          { title: t('verify.fields.school_year_code'), key: 'year', render: (_: unknown, v: VersionRow) => v.school_years?.code ?? '' },
          { title: t('verify.fields.version'), dataIndex: 'version' },
          {
            title: t('verify.fields.status'), key: 'status',
            render: (_: unknown, v: VersionRow) => (
              <Space direction="vertical" size={0}>
                <Tag color={VERSION_COLORS[v.status]}>{t(`verify.statuses.${v.status}`)}</Tag>
                {v.superseded_by && versionOf.has(v.superseded_by) ? <Typography.Text type="secondary">{t('documents.superseded_by', { version: versionOf.get(v.superseded_by) })}</Typography.Text> : null}
                {v.correction_request_id ? <Typography.Text type="secondary">{t('documents.after_correction')}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('verify.fields.issued_on'), dataIndex: 'issued_on', render: (d: string) => formatDate(d) },
          { title: t('verify.code'), dataIndex: 'verification_code', render: (c: string) => <Typography.Text code>{c.match(/.{1,4}/g)?.join('-')}</Typography.Text> },
          { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <Typography.Text copyable={{ text: h }} title={h}>{h.slice(0, 12)}…</Typography.Text> },
          { title: '', key: 'file', render: (_: unknown, v: VersionRow) => <Button size="small" onClick={() => void fetchFile(v)}>{t('documents.download')}</Button> },
        ]}
      />
    </Flex>
  );
}

/** Sổ cấp bản sao: the applications (who asked, for whom, why) and the copies issued on them. */
function CopiesTab() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ student_code: string; applicant_name: string; applicant_relation: string; reason: string }>();
  const [issuing, setIssuing] = useState<string | null>(null);
  const { result, query } = useList<CopyRow>({
    resource: 'copy_applications',
    meta: { select: '*, students(full_name)' },
    sorters: [{ field: 'created_at', order: 'desc' }],
    pagination: { pageSize: 50 },
  });
  const record = async () => {
    const v = await form.validateFields();
    const { data: st } = await supabase.from('students').select('id, school_id').eq('student_code', v.student_code.trim()).maybeSingle();
    if (!st) return void form.setFields([{ name: 'student_code', errors: [t('documents.copy_no_student')] }]);
    const { error } = await supabase.from('copy_applications').insert({
      school_id: st.school_id, student_id: st.id, applicant_name: v.applicant_name.trim(),
      applicant_relation: v.applicant_relation.trim(), reason: v.reason.trim(),
    });
    if (error) return void message.error(errorMessage(error));
    setOpen(false);
    form.resetFields();
    void query.refetch();
  };
  const issue = async (row: CopyRow) => {
    setIssuing(row.id);
    const { data, error } = await supabase.functions.invoke('print', { body: { document: 'copy', application_id: row.id } });
    setIssuing(null);
    if (error) return void message.error(await functionErrorMessage(error));
    saveBlob(data as Blob, `ban-sao-hoc-ba-${row.id}.pdf`);
    void query.refetch();
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">{t('documents.copies_intro')}</Typography.Paragraph>
      <Space>
        <ActionButton resource="documents" action="create" type="primary" onClick={() => setOpen(true)} data-testid="copy-apply">{t('documents.copy_apply')}</ActionButton>
      </Space>
      <Table<CopyRow>
        data-testid="copies-table"
        rowKey="id"
        size="small"
        loading={query.isLoading}
        dataSource={result.data}
        columns={[
          { title: t('documents.copy_number'), key: 'number', render: (_: unknown, r: CopyRow) => (r.number ? `${r.number}/SY (${r.number_year})` : <Tag>{t('documents.copy_pending')}</Tag>) },
          { title: t('verify.fields.student'), key: 'student', render: (_: unknown, r: CopyRow) => r.students?.full_name ?? '' },
          { title: t('documents.copy_applicant'), key: 'applicant', render: (_: unknown, r: CopyRow) => [r.applicant_name, r.applicant_relation].filter(Boolean).join(' – ') },
          { title: t('documents.copy_reason'), dataIndex: 'reason' },
          { title: t('documents.copy_reissue'), dataIndex: 'reissue_count' },
          { title: t('verify.fields.issued_on'), dataIndex: 'issued_on', render: (d: string | null) => formatDate(d) },
          {
            title: '', key: 'issue',
            render: (_: unknown, r: CopyRow) => (
              <ActionButton resource="documents" action="print" row={{ school_id: r.school_id, student_id: r.student_id }} size="small"
                loading={issuing === r.id} onClick={() => void issue(r)} data-testid={`copy-issue-${r.id}`}>
                {r.number ? t('documents.copy_download') : t('documents.copy_issue')}
              </ActionButton>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('documents.copy_apply')} onCancel={() => setOpen(false)} onOk={() => void record()} okText={t('common.save')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="student_code" label={t('documents.copy_student_code')} rules={[{ required: true, message: t('documents.copy_required') }]}>
            <Input data-testid="copy-student-code" />
          </Form.Item>
          <Form.Item name="applicant_name" label={t('documents.copy_applicant')} rules={[{ required: true, message: t('documents.copy_required') }]}>
            <Input data-testid="copy-applicant" />
          </Form.Item>
          <Form.Item name="applicant_relation" label={t('documents.copy_relation')} rules={[{ required: true, min: 2, message: t('documents.copy_required') }]}>
            <Input data-testid="copy-relation" />
          </Form.Item>
          <Form.Item name="reason" label={t('documents.copy_reason')} rules={[{ required: true, message: t('documents.copy_required') }]}>
            <Input.TextArea rows={2} data-testid="copy-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

/**
 * In ấn và lưu trữ: batches of official prints (a class's transcripts of a finished year, run by the jobs
 * worker, progress and failures shown), the class gradebook (GradebookTab), the archive of every version, and the register of copies. The
 * database decides everything (create_print_job, the document_versions and copy_applications policies,
 * the print function); the screen shows what the caller may do.
 */
export function DocumentList() {
  const t = useTranslate();
  return (
    <div data-testid="documents-page">
      <Typography.Title level={3}>{t('menu.documents')}</Typography.Title>
      <Alert type="info" showIcon message={t('documents.page_hint')} style={{ marginBottom: 12 }} />
      <Tabs
        items={[
          { key: 'batch', label: t('documents.tab_batch'), children: <BatchTab /> },
          { key: 'gradebook', label: t('documents.tab_gradebook'), children: <GradebookTab /> },
          { key: 'archive', label: t('documents.tab_archive'), children: <ArchiveTab /> },
          { key: 'copies', label: t('documents.tab_copies'), children: <CopiesTab /> },
        ]}
      />
    </div>
  );
}
