import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Dropdown, Flex, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { startYear, useSchoolYear } from '../../components/useSchoolYear.ts';
import { useYearClasses, vietnameseNameCompare } from '../../components/useYearData.ts';
import { formatDate } from '../../i18n/format.ts';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { ClassListImport } from './ClassListImport.tsx';
import { EnrolmentEndModal, type EndAction } from './EnrolmentEndModal.tsx';
import { downloadClassList } from './exportClassList.ts';
import { StudentCreateModal } from './StudentCreateModal.tsx';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';

/**
 * A row of rpc/class_enrolments: the enrolment with its student's columns beside it (one flat read, issue 13).
 * The generated type says every column of a function's table is set; these may be null.
 */
type Nullable = 'ended_on' | 'end_reason' | 'end_note' | 'birth_place' | 'ethnicity';
type Returned = Database['public']['Functions']['class_enrolments']['Returns'][number];
type EnrolmentRow = Omit<Returned, Nullable> & { [K in Nullable]: Returned[K] | null };

/** Xếp lớp: a class's enrolments (ended ones stay, with date and reason), import and export of the list. */
export function EnrolmentList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId } = useSchoolYear();
  const { classes } = useYearClasses(year?.id);
  const [classId, setClassId] = useState<string>();
  const [ending, setEnding] = useState<{ action: EndAction; row: EnrolmentRow } | null>(null);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const current = classes.find((c) => c.id === classId);
  const supabase = useSupabase();
  const query = useQuery({
    queryKey: ['class_enrolments', classId],
    enabled: !!classId,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('class_enrolments', { p_class_id: classId! });
      if (error) throw error;
      return data as EnrolmentRow[];
    },
  });
  const rows = [...(classId ? (query.data ?? []) : [])].sort(
    (a, b) => Number(!!a.ended_on) - Number(!!b.ended_on) || vietnameseNameCompare(a.full_name ?? '', b.full_name ?? ''),
  );
  const open = rows.filter((r) => !r.ended_on);
  const classScope = { school_id: current?.school_id, class_id: current?.id };

  // What the export writes of the class's students, and what an import of that file back is matched against
  // (birth place and ethnicity only where the caller may read the student's details).
  const listed = open.map(({ student_code, full_name, gender, birth_date, details_shown, birth_place, ethnicity }) => ({
    student_code, full_name, gender, birth_date,
    ...(details_shown ? { birth_place: birth_place ?? '', ethnicity: ethnicity ?? '' } : {}),
  }));
  const exportList = () => current && void downloadClassList(current.name, listed);

  return (
    <Flex vertical gap={token.margin} data-testid="enrolments-page">
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('enrolments.title')}</Typography.Title>
        <Flex gap={token.margin} wrap>
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={classId} onChange={setClassId} />
          <ActionButton resource="enrolments" action="create" row={classScope} icon={<PlusOutlined />} disabled={!current} onClick={() => setAdding(true)} data-testid="enrolment-add">
            {t('enrolments.add')}
          </ActionButton>
          <ActionButton resource="enrolments" action="create" row={classScope} icon={<UploadOutlined />} disabled={!current} onClick={() => setImporting(true)} data-testid="import-open">
            {t('import.open')}
          </ActionButton>
          <ActionButton
            resource="enrolments"
            action="export"
            row={classScope}
            icon={<DownloadOutlined />}
            disabled={!current || open.length === 0}
            onClick={exportList}
            data-testid="export-class-list"
          >
            {t('enrolments.export')}
          </ActionButton>
        </Flex>
      </Flex>
      {query.error && <Alert type="error" showIcon message={errorMessage(query.error)} data-testid="enrolments-error" />}
      <Table<EnrolmentRow> dataSource={rows} loading={query.isLoading && !!classId} rowKey="id" size="middle" pagination={false}>
        <Table.Column<EnrolmentRow> key="code" title={t('students.fields.student_code')} render={(_, r) => r.student_code} />
        <Table.Column<EnrolmentRow> key="name" title={t('students.fields.full_name')} render={(_, r) => r.full_name} />
        <Table.Column<EnrolmentRow> key="birth" title={t('students.fields.birth_date')} render={(_, r) => formatDate(r.birth_date)} />
        <Table.Column<EnrolmentRow> key="start" title={t('enrolments.fields.started_on')} render={(_, r) => `${formatDate(r.started_on)} (${t(`enrolments.start_reasons.${r.start_reason}`)})`} />
        <Table.Column<EnrolmentRow>
          key="end"
          title={t('enrolments.fields.ended_on')}
          render={(_, r) => (r.ended_on ? <Tag>{`${formatDate(r.ended_on)} — ${t(`enrolments.end_reasons.${r.end_reason}`)}${r.end_note ? `: ${r.end_note}` : ''}`}</Tag> : t('enrolments.studying'))}
        />
        <Table.Column<EnrolmentRow>
          key="actions"
          title={t('common.actions')}
          render={(_, r) =>
            !r.ended_on && (
              <Dropdown
                menu={{
                  items: (['class_change', 'transfer_out', 'dropout'] as const).map((action) => ({
                    key: action,
                    label: <span data-action="enrolments.edit">{t(`enrolments.actions.${action}`)}</span>,
                  })),
                  onClick: ({ key }) => setEnding({ action: key as EndAction, row: r }),
                }}
              >
                <ActionButton resource="enrolments" action="edit" row={{ ...classScope, student_id: r.student_id }} size="small" data-testid={`enrolment-actions-${r.id}`}>
                  {t('common.actions')}
                </ActionButton>
              </Dropdown>
            )
          }
        />
      </Table>
      <EnrolmentEndModal
        action={ending?.action ?? null}
        enrolment={ending?.row ?? null}
        classes={classes}
        onDone={(changed) => {
          setEnding(null);
          if (changed) void query.refetch();
        }}
      />
      <StudentCreateModal
        open={adding}
        classRow={current}
        schoolYearStart={startYear(year)}
        onClose={(created) => {
          setAdding(false);
          if (created) void query.refetch();
        }}
      />
      <ClassListImport
        open={importing}
        classRow={current}
        schoolYearStart={startYear(year)}
        enrolled={listed}
        onClose={(imported) => {
          setImporting(false);
          if (imported) void query.refetch();
        }}
      />
    </Flex>
  );
}
