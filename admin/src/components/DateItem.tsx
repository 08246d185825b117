import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';

/** A required date field stored as ISO `YYYY-MM-DD` and shown the Vietnamese way (22/11/2026). */
export function DateItem({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item
      name={name}
      label={label}
      required
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker format="DD/MM/YYYY" />
    </Form.Item>
  );
}
