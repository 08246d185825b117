import { useTranslate } from '@refinedev/core';
import { Form, Input, Modal } from 'antd';

/** The board returns submitted results to the homeroom teacher, always with the reason (Postgres requires it). */
export function ReturnModal({ className, open, saving, onCancel, onReturn }: { className: string; open: boolean; saving: boolean; onCancel: () => void; onReturn: (note: string) => void }) {
  const t = useTranslate();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <Modal
      open={open}
      title={t('result_publications.return_title', { name: className })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('result_publications.actions.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'publication-return-confirm' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onReturn(v.note.trim())}>
        <Form.Item
          name="note"
          label={t('result_publications.return_note')}
          rules={[{ required: true, whitespace: true, min: 3, max: 2000, message: t('result_publications.return_note_rule') }]}
        >
          <Input.TextArea rows={3} autoFocus data-testid="publication-return-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
