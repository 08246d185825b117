import { UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, List, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { parseClassList, type ClassListRow, type RowError } from '../../shared/classList.ts';
import { formatDate } from '../../i18n/format.ts';

type State =
  | { kind: 'empty' }
  | { kind: 'file_error'; message: string }
  | { kind: 'parsed'; rows: ClassListRow[]; errors: RowError[] };

/**
 * Nhập danh sách lớp từ Excel: every row is parsed and validated in the browser and shown before anything
 * is written; only a list without errors can be imported, in one all-or-nothing RPC (import_class_list),
 * whose own refusals come back per row.
 */
export function ClassListImport({ open, classRow, schoolYearStart, onClose }: { open: boolean; classRow: ClassRow | undefined; schoolYearStart: number | null; onClose: (imported: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [state, setState] = useState<State>({ kind: 'empty' });
  const [busy, setBusy] = useState(false);

  const read = async (file: File) => {
    if (!classRow || schoolYearStart === null) return;
    const result = await parseClassList(await file.arrayBuffer(), { grade: classRow.grade, schoolYearStart });
    setState(result.ok ? { kind: 'parsed', rows: result.rows, errors: result.errors } : { kind: 'file_error', message: result.fileError });
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
        {state.kind === 'parsed' && errors.length === 0 && <Alert data-testid="import-ready" type="success" showIcon message={t('import.ready', { count: state.rows.length })} />}
        {state.kind === 'parsed' && (
          <Table<ClassListRow> dataSource={state.rows} rowKey="row" size="small" pagination={{ pageSize: 10 }}>
            <Table.Column dataIndex="row" title={t('import.fields.row')} />
            <Table.Column dataIndex="student_code" title={t('students.fields.student_code')} />
            <Table.Column<ClassListRow> key="name" title={t('students.fields.full_name')} render={(_, r) => [r.family_name, r.middle_name, r.given_name].filter(Boolean).join(' ')} />
            <Table.Column dataIndex="gender" title={t('students.fields.gender')} render={(g: string) => t(`students.genders.${g}`)} />
            <Table.Column dataIndex="birth_date" title={t('students.fields.birth_date')} render={(d: string) => formatDate(d)} />
          </Table>
        )}
      </Flex>
    </Modal>
  );
}
