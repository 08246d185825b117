import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { SchoolYear } from './useSchoolYear.ts';
import { TEACHING_ROLES, useYearClasses, useYearStaff } from './useYearData.ts';
import type { Identity } from '../providers/userContext.ts';
import { errorMessage } from '../providers/errors.ts';
import { useSupabase } from '../providers/supabase.tsx';
import { yearSubjects } from '../shared/locks.ts';
import { useYearSubjectRows } from './useGradebookLocks.ts';
import { defaultKind, inspectionInsert, kindsFor, type InspectionFormValues, type InspectionKind } from '../shared/inspections.ts';

/** What the caller already knows (the dashboard: the teacher and their most overdue sheet). */
export interface InspectionPrefill {
  teacherId?: string;
  teacherName?: string | null;
  classId?: string | null;
  subjectId?: string | null;
  semester?: 1 | 2;
  kind?: InspectionKind;
  findings?: string;
}

interface Props {
  year: SchoolYear;
  open: boolean;
  prefill?: InspectionPrefill;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * Records a check (biên bản kiểm tra) of the chosen year: BGH of anyone of the school (periodic or ad
 * hoc), a Tổ trưởng of their department's teachers (monthly). The author and the date are the
 * database's defaults; Postgres decides, and its refusal is shown through errorMessage. Mount it when opened: the
 * lists it needs are read then, not with the page around it.
 */
export function InspectionFormModal({ year, open, prefill, onClose, onSaved }: Props) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const { data: identity } = useGetIdentity<Identity>();
  const [form] = Form.useForm<InspectionFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const staff = useYearStaff(year.id, TEACHING_ROLES);
  const { classes } = useYearClasses(year.id);
  const subjectRows = useYearSubjectRows(year.id);
  const classId = Form.useWatch('class_id', form) ?? null;
  const kinds = kindsFor(identity?.memberships ?? [], year.code, year.school_id);
  // Everybody may try (Postgres decides); without a role that records checks, offer every kind.
  const offered = kinds.length ? kinds : (['periodic', 'ad_hoc', 'monthly'] as InspectionKind[]);

  const teachers = useMemo(() => {
    if (!prefill?.teacherId || staff.some((s) => s.value === prefill.teacherId)) return staff;
    return [{ value: prefill.teacherId, label: prefill.teacherName ?? prefill.teacherId }, ...staff];
  }, [staff, prefill?.teacherId, prefill?.teacherName]);

  const save = async (values: InspectionFormValues) => {
    setSaving(true);
    setError(null);
    const { error: refused } = await supabase.from('inspections').insert(inspectionInsert(values, year)).select('id');
    setSaving(false);
    if (refused) return setError(errorMessage(refused));
    message.success(t('inspections.saved'));
    form.resetFields();
    onSaved();
  };

  // A biên bản is kept as recorded: nobody can change or delete it afterwards, so the user agrees first.
  const confirmSave = (values: InspectionFormValues) =>
    modal.confirm({
      title: t('inspections.confirm.title'),
      content: t('inspections.confirm.content'),
      okText: t('inspections.confirm.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...({ 'data-testid': 'inspection-confirm' } as Record<string, string>) },
      cancelButtonProps: { ...({ 'data-testid': 'inspection-confirm-cancel' } as Record<string, string>) },
      onOk: () => save(values),
    });

  return (
    <Modal
      open={open}
      title={t('inspections.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'inspection-save' }}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} data-testid="inspection-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: prefill?.kind && offered.includes(prefill.kind) ? prefill.kind : defaultKind(offered),
          teacher_id: prefill?.teacherId,
          class_id: prefill?.classId ?? undefined,
          subject_id: prefill?.subjectId ?? undefined,
          semester: prefill?.semester,
          findings: prefill?.findings,
        }}
        onFinish={(v) => confirmSave(v)}
      >
        <Form.Item name="teacher_id" label={t('inspections.fields.teacher')} rules={[{ required: true, message: t('inspections.rules.teacher') }]}>
          <Select data-testid="inspection-teacher" showSearch optionFilterProp="label" options={teachers} />
        </Form.Item>
        <Form.Item name="kind" label={t('inspections.fields.kind')} rules={[{ required: true, message: t('inspections.rules.kind') }]}>
          <Select data-testid="inspection-kind" options={offered.map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="class_id" label={t('inspections.fields.class')}>
          <Select
            data-testid="inspection-class"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('inspections.placeholders.class')}
            onChange={() => form.setFieldValue('subject_id', undefined)}
            options={classes.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="subject_id" label={t('inspections.fields.subject')}>
          <Select
            data-testid="inspection-subject"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('inspections.placeholders.subject')}
            options={yearSubjects(subjectRows, classId).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="semester" label={t('inspections.fields.semester')}>
          <Select data-testid="inspection-semester" allowClear options={([1, 2] as const).map((s) => ({ value: s, label: t(`inspections.semesters.${s}`) }))} />
        </Form.Item>
        <Form.Item
          name="findings"
          label={t('inspections.fields.findings')}
          rules={[{ required: true, whitespace: true, min: 3, max: 4000, message: t('inspections.rules.findings') }]}
        >
          <Input.TextArea rows={4} data-testid="inspection-findings" />
        </Form.Item>
        <Form.Item name="follow_up" label={t('inspections.fields.follow_up')} rules={[{ max: 4000, message: t('inspections.rules.follow_up') }]}>
          <Input.TextArea rows={3} data-testid="inspection-follow-up" />
        </Form.Item>
        <Form.Item
          name="follow_up_by"
          label={t('inspections.fields.follow_up_by')}
          getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
          normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker format="DD/MM/YYYY" data-testid="inspection-follow-up-by" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
