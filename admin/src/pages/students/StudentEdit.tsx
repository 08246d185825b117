import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Select, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { PrintTranscript } from './PrintTranscript.tsx';
import { StudentGuardians } from './StudentGuardians.tsx';
import { useStudentForm, type StudentFormValues } from './useStudentForm.ts';
import { DateItem } from '../../components/DateItem.tsx';

const IDENTITY = ['student_code', 'family_name', 'middle_name', 'given_name', 'gender', 'birth_date'] as const;
const DETAILS = ['birth_place', 'ethnicity', 'nationality', 'religion', 'hometown', 'residence', 'priority_group'] as const;

/**
 * Hồ sơ học sinh: identity, lý lịch (student_details) and guardians, validated with the shared zod
 * schemas. Readers who may not write (RLS would refuse) get the record read-only with a notice.
 */
export function StudentEdit() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<StudentFormValues>();
  const { context, values, canWrite, loading, error, save } = useStudentForm(id, form, t('students.refused'));

  const submit = async (values: StudentFormValues) => {
    if (await save(values)) {
      message.success(t('students.saved'));
      navigate('/students');
    }
  };

  return (
    <Flex vertical gap={token.margin} data-testid="student-edit-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3}>{t('students.edit')}</Typography.Title>
        {context ? (
          <PrintTranscript student={{ id, school_id: context.school_id, full_name: [values.family_name, values.middle_name, values.given_name].filter(Boolean).join(' ') }} />
        ) : null}
      </Flex>
      {context?.className && <Typography.Text type="secondary">{t('students.current_class', { name: context.className })}</Typography.Text>}
      {error && <Alert type="error" showIcon message={error} />}
      {!loading && !canWrite && <Alert type="info" showIcon message={t('students.read_only')} data-testid="student-read-only" />}
      {!loading && !canWrite && (
        <Card>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            {[...IDENTITY, ...DETAILS].map((field) => {
              const v = values[field];
              const shown = field === 'gender' && v ? t(`students.genders.${v}`) : field === 'birth_date' && v ? dayjs(v).format('DD/MM/YYYY') : v;
              return (
                <Descriptions.Item key={field} label={t(`students.fields.${field}`)}>
                  {shown || t('common.empty')}
                </Descriptions.Item>
              );
            })}
          </Descriptions>
        </Card>
      )}
      <Card loading={loading} hidden={!loading && !canWrite}>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Typography.Title level={5}>{t('students.identity')}</Typography.Title>
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
              <DateItem name="birth_date" label={t('students.fields.birth_date')} />
            </Col>
          </Row>
          <Typography.Title level={5}>{t('students.details')}</Typography.Title>
          <Row gutter={token.margin}>
            {DETAILS.map((field) => (
              <Col span={field === 'residence' ? 12 : 6} key={field}>
                <Form.Item name={field} label={t(`students.fields.${field}`)}>
                  <Input />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Button type="primary" htmlType="submit" data-testid="student-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {!loading && <StudentGuardians studentId={id} schoolId={context?.school_id} canWrite={canWrite} />}
    </Flex>
  );
}
