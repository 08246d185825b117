import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useStudentForm, type StudentFormValues } from './useStudentForm.ts';

const DETAILS = ['birth_place', 'ethnicity', 'nationality', 'religion', 'hometown', 'residence', 'priority_group'] as const;

/** Hồ sơ học sinh: identity and the transcript's first page, validated with the shared zod schema. */
export function StudentEdit() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<StudentFormValues>();
  const { context, loading, error, save } = useStudentForm(id, form);

  const submit = async (values: StudentFormValues) => {
    if (await save(values)) {
      message.success(t('students.saved'));
      navigate('/students');
    }
  };

  return (
    <Flex vertical gap={token.margin} data-testid="student-edit-page">
      <Typography.Title level={3}>{t('students.edit')}</Typography.Title>
      {context?.className && <Typography.Text type="secondary">{t('students.current_class', { name: context.className })}</Typography.Text>}
      {error && <Alert type="error" showIcon message={error} />}
      <Card loading={loading}>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Row gutter={token.margin}>
            <Col span={6}>
              <Form.Item name="student_code" label={t('students.fields.student_code')} required>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="family_name" label={t('students.fields.family_name')} required>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="middle_name" label={t('students.fields.middle_name')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="given_name" label={t('students.fields.given_name')} required>
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="gender" label={t('students.fields.gender')} required>
                <Select options={[{ value: 'male', label: t('students.genders.male') }, { value: 'female', label: t('students.genders.female') }]} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="birth_date"
                label={t('students.fields.birth_date')}
                required
                getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
                normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
              >
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            </Col>
            {DETAILS.map((field) => (
              <Col span={field === 'residence' ? 12 : 6} key={field}>
                <Form.Item name={field} label={t(`students.fields.${field}`)}>
                  <Input />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
