import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useTable } from '@refinedev/antd';
import { Button, Flex, Input, Table, Typography, theme } from 'antd';
import { useNavigate } from 'react-router';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDate } from '../../i18n/format.ts';
import type { Identity } from '../../providers/userContext.ts';
import { unaccent } from '../../shared/studentProfile.ts';
import type { Narrowed, Tables, Views } from '../../../../supabase/functions/_shared/database.ts';

/** A row of the list's own view (student_list): can_edit is the database's answer for Sửa. */
type StudentRow = Narrowed<
  Pick<Views<'student_list'>, 'id' | 'school_id' | 'student_code' | 'full_name' | 'gender' | 'birth_date' | 'can_edit'>,
  { id: string; school_id: string; student_code: string; full_name: string; gender: Tables<'students'>['gender']; birth_date: string; can_edit: boolean }
>;

/**
 * Học sinh: paged on the server, sorted the Vietnamese way (given name, family name, middle name, then the
 * student code between namesakes),
 * searched without diacritics: the query is unaccented here and matched against `search_text`.
 */
export function StudentList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { data: identity } = useGetIdentity<Identity>();
  // The schools the user belongs to (any role, any year): every student they may read is of one of them
  // (RLS decides which). Said in the query, it lets Postgres read that school's students by index in
  // name order instead of scanning every student of the province (docs/SCALE.md).
  const schoolIds = [...new Set((identity?.memberships ?? []).filter((m) => m.org_unit_kind === 'school').map((m) => m.org_unit_id))];
  const { tableProps, setFilters } = useTable<StudentRow>({
    // The list's view: can_edit per row from two sets built once per page, not one probe per row (docs/SCALE.md).
    resource: 'student_list',
    syncWithLocation: false,
    // One school (nearly everyone) is said with `eq`: Postgres then reads the page in name order from the
    // (school, names) index; `in (…)` of one value made it sort the whole school first (docs/SCALE.md).
    filters: {
      permanent: [
        schoolIds.length === 1
          ? { field: 'school_id', operator: 'eq', value: schoolIds[0] }
          : { field: 'school_id', operator: 'in', value: schoolIds },
      ],
    },
    queryOptions: { enabled: !!identity },
    pagination: { pageSize: 20, mode: 'server' },
    sorters: {
      initial: [
        { field: 'given_name', order: 'asc' },
        { field: 'family_name', order: 'asc' },
        { field: 'middle_name', order: 'asc' },
        // Namesakes ("Nguyễn Văn An" twice) in a stable order, so no page repeats or skips one.
        { field: 'student_code', order: 'asc' },
      ],
    },
    meta: { select: 'id, school_id, student_code, full_name, gender, birth_date, can_edit' },
  });

  const search = (q: string) => {
    const value = unaccent(q);
    setFilters([{ field: 'search_text', operator: 'contains', value: value || undefined }], 'replace');
  };

  return (
    <Flex vertical gap={token.margin} data-testid="students-page">
      <Typography.Title level={3}>{t('students.title')}</Typography.Title>
      <Input.Search data-testid="students-search" allowClear placeholder={t('students.search')} onSearch={search} />
      <Table<StudentRow> {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="student_code" title={t('students.fields.student_code')} />
        <Table.Column dataIndex="full_name" title={t('students.fields.full_name')} />
        <Table.Column dataIndex="gender" title={t('students.fields.gender')} render={(g: string) => t(`students.genders.${g}`)} />
        <Table.Column dataIndex="birth_date" title={t('students.fields.birth_date')} render={(d: string) => formatDate(d)} />
        <Table.Column<StudentRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) =>
            r.can_edit ? (
              <ActionButton
                resource="students"
                action="edit"
                row={{ school_id: r.school_id, student_id: r.id }}
                size="small"
                icon={<EditOutlined />}
                onClick={() => navigate(`/students/edit/${r.id}`)}
              >
                {t('common.edit')}
              </ActionButton>
            ) : (
              // Reading the record is navigation, not an action: whoever lists the student may open it.
              <Button size="small" icon={<EyeOutlined />} onClick={() => navigate(`/students/show/${r.id}`)}>
                {t('common.view')}
              </Button>
            )
          }
        />
      </Table>
    </Flex>
  );
}
