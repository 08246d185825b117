import { UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, List, Modal, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { parseClassList, planClassListImport, type ClassListRow, type EnrolledStudent, type RowError } from '../../shared/classList.ts';
import { formatDate } from '../../i18n/format.ts';

type State =
  | { kind: 'empty' }
  | { kind: 'file_error'; message: string }
  | { kind: 'parsed'; rows: ClassListRow[]; kept: ClassListRow[]; errors: RowError[] };

/** A line of the preview: every row of the file, refused (with why), new, or already in the class. */
interface PreviewRow {
  row: number;
  student_code: string;
  full_name: string;
  gender?: ClassListRow['gender'];
  birth_date?: string;
  status: 'new' | 'kept' | 'error';
  errors: string[];
}

function previewRows(rows: ClassListRow[], kept: ClassListRow[], errors: RowError[]): PreviewRow[] {
  const byRow = new Map(errors.map((e) => [e.row, e]));
  const line = (r: ClassListRow, status: 'new' | 'kept'): PreviewRow => {
    const refused = byRow.get(r.row);
    return {
      row: r.row,
      student_code: r.student_code,
      full_name: [r.family_name, r.middle_name, r.given_name].filter(Boolean).join(' '),
      gender: r.gender,
      birth_date: r.birth_date,
      status: refused ? 'error' : status,
      errors: refused?.messages ?? [],
    };
  };
  const listed = new Set([...rows, ...kept].map((r) => r.row));
  return [
    ...rows.map((r) => line(r, 'new')),
    ...kept.map((r) => line(r, 'kept')),
    ...errors.filter((e) => !listed.has(e.row)).map((e): PreviewRow => ({ row: e.row, student_code: e.student_code ?? '', full_name: e.full_name ?? '', status: 'error', errors: e.messages })),
  ].sort((a, b) => RANK[a.status] - RANK[b.status] || a.row - b.row);
}
/** The preview lists what needs a look first: refused rows, then the new students, then those kept. */
const RANK: Record<PreviewRow['status'], number> = { error: 0, new: 1, kept: 2 };

/**
 * Nhập danh sách lớp từ Excel: every row is parsed and validated in the browser and shown before anything
 * is written; only a list without errors can be imported, in one all-or-nothing RPC (import_class_list),
 * whose own refusals come back per row.
 */
export function ClassListImport({
  open,
  classRow,
  schoolYearStart,
  enrolled,
  onClose,
}: {
  open: boolean;
  classRow: ClassRow | undefined;
  schoolYearStart: number | null;
  /** The class's students now (open enrolments): a list exported from it and imported back keeps them. */
  enrolled: EnrolledStudent[];
  onClose: (imported: boolean) => void;
}) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [state, setState] = useState<State>({ kind: 'empty' });
  const [busy, setBusy] = useState(false);

  const read = async (file: File) => {
    if (!classRow || schoolYearStart === null) return;
    const result = await parseClassList(await file.arrayBuffer(), { grade: classRow.grade, schoolYearStart });
    if (!result.ok) return setState({ kind: 'file_error', message: result.fileError });
    const plan = planClassListImport(result.rows, enrolled);
    setState({ kind: 'parsed', rows: plan.newRows, kept: plan.kept, errors: [...result.errors, ...plan.errors].sort((a, b) => a.row - b.row) });
  };

  const commit = async () => {
    if (state.kind !== 'parsed' || !classRow) return;
    setBusy(true);
    const { data, error } = await supabase.rpc('import_class_list', { p_class_id: classRow.id, p_rows: state.rows });
    setBusy(false);
    if (error) return setState({ kind: 'file_error', message: errorMessage(error) });
    const answer = data as { imported: number; errors: { row: number; message: string }[] };
    if (answer.errors.length > 0) {
      return setState({ ...state, errors: answer.errors.map((e) => ({ row: e.row, messages: [e.message] })) });
    }
    message.success(t('import.committed', { count: answer.imported }));
    close(true);
  };

  const close = (imported: boolean) => {
    setState({ kind: 'empty' });
    onClose(imported);
  };
  const errors = state.kind === 'parsed' ? state.errors : [];

  return (
    <Modal
      open={open}
      width={900}
      title={t('import.title', { name: classRow?.name ?? '' })}
      onCancel={() => close(false)}
      onOk={() => void commit()}
      okText={t('import.commit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: state.kind !== 'parsed' || errors.length > 0 || state.rows.length === 0, 'data-testid': 'import-commit' }}
      data-testid="class-list-import"
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
        <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={(file) => (void read(file), false)}>
          <Button icon={<UploadOutlined />} data-testid="import-file">
            {t('import.choose_file')}
          </Button>
        </Upload>
        {state.kind === 'file_error' && <Alert data-testid="import-file-error" type="error" showIcon message={state.message} />}
        {errors.length > 0 && (
          <Alert
            data-testid="import-errors"
            type="error"
            showIcon
            message={t('import.refused', { count: errors.length })}
            description={
              <List size="small" dataSource={errors} renderItem={(e) => <List.Item data-testid={`import-error-row-${e.row}`}>{t('import.row_error', { row: e.row, message: e.messages.join('; ') })}</List.Item>} />
            }
          />
        )}
        {state.kind === 'parsed' && errors.length === 0 && state.rows.length > 0 && (
          <Alert data-testid="import-ready" type="success" showIcon message={t('import.ready', { count: state.rows.length })} description={state.kept.length > 0 ? t('import.kept', { count: state.kept.length }) : undefined} />
        )}
        {state.kind === 'parsed' && errors.length === 0 && state.rows.length === 0 && <Alert data-testid="import-nothing-new" type="info" showIcon message={t('import.nothing_new', { count: state.kept.length })} />}
        {state.kind === 'parsed' && (
          <Table<PreviewRow> data-testid="import-preview" dataSource={previewRows(state.rows, state.kept, errors)} rowKey="row" size="small" pagination={{ pageSize: 10 }}>
            <Table.Column dataIndex="row" title={t('import.fields.row')} />
            <Table.Column dataIndex="student_code" title={t('students.fields.student_code')} />
            <Table.Column dataIndex="full_name" title={t('students.fields.full_name')} />
            <Table.Column dataIndex="gender" title={t('students.fields.gender')} render={(g?: string) => (g ? t(`students.genders.${g}`) : '')} />
            <Table.Column dataIndex="birth_date" title={t('students.fields.birth_date')} render={(d?: string) => (d ? formatDate(d) : '')} />
            <Table.Column<PreviewRow>
              key="status"
              title={t('import.fields.status')}
              render={(_, r) => (
                <Tag data-testid={`import-status-${r.row}`} color={r.status === 'error' ? 'error' : r.status === 'new' ? 'success' : 'default'}>
                  {t(`import.statuses.${r.status}`)}
                </Tag>
              )}
            />
            <Table.Column<PreviewRow>
              key="errors"
              title={t('import.fields.errors')}
              render={(_, r) =>
                r.errors.length > 0 ? (
                  <Typography.Text type="danger" data-testid={`import-row-errors-${r.row}`}>
                    {r.errors.join('; ')}
                  </Typography.Text>
                ) : null
              }
            />
          </Table>
        )}
      </Flex>
    </Modal>
  );
}
