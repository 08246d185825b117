import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import type { Identity } from '../../providers/userContext.ts';
import type { Database } from '../../../../supabase/functions/_shared/database.ts';
import { FILE_TYPES, megabytes, typesLabel } from './useDossiers.ts';

type Item = Database['public']['Tables']['dossier_items']['Row'];
interface Group { id: string; owner_id: string; code: string; name: string; sort_order: number }
const PARTIES = ['school', 'department', 'union_group', 'library', 'equipment', 'teacher', 'homeroom'] as const;
const UNION_GROUPS = ['cong_doan', 'nu_cong', 'thanh_tra', 'doan', 'doi'] as const;
const CADENCES = ['weekly', 'monthly', 'semester', 'yearly', 'once'] as const;
const REVIEWERS = ['principal', 'bgh', 'dept_head', 'none'] as const;

/** A code the catalogue accepts (^[a-z0-9_]{1,40}$) from a Vietnamese name: "Hồ sơ Đội" → "ho_so_doi". */
export function codeOf(name: string): string {
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  return plain.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'ho_so';
}

interface ItemForm {
  group: string; name: string; party: Item['party']; union_group?: string; cadence: Item['cadence']; due_days: number; accepted_types: string[];
  max_mb: number; signature_required: boolean; reviewer: Item['reviewer']; reported_up: boolean; legal_reference?: string;
}

/** Thêm hồ sơ vào danh mục: an item of the caller's own catalogue (the office's for an officer, the school's for its admin board). */
function AddItemModal({ ownerId, groups, onClose }: { ownerId: string; groups: Group[]; onClose: (added: boolean) => void }) {
  const t = useTranslate();
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const party = Form.useWatch('party', form);
  const own = groups.filter((g) => g.owner_id === ownerId);
  const save = async (v: ItemForm) => {
    setBusy(true);
    setError(undefined);
    let group = own.find((g) => g.name === v.group.trim());
    if (!group) {
      const { data, error: e } = await supabase.from('dossier_groups')
        .insert({ owner_id: ownerId, code: codeOf(v.group), name: v.group.trim(), sort_order: 1000 + own.length }).select('id, owner_id, code, name, sort_order').single();
      if (e) {
        setBusy(false);
        return setError(errorMessage(e));
      }
      group = data as Group;
    }
    const personal = v.party === 'teacher' || v.party === 'homeroom';
    const { error: e } = await supabase.from('dossier_items').insert({
      owner_id: ownerId, group_id: group.id, code: codeOf(v.name), name: v.name.trim(), party: v.party, union_group: v.party === 'union_group' ? v.union_group ?? null : null,
      cadence: v.cadence, due_days: v.due_days, accepted_types: v.accepted_types, max_bytes: Math.round(v.max_mb * 1_048_576),
      signature_required: personal || v.signature_required, reviewer: v.reviewer, reported_up: v.reported_up, legal_reference: v.legal_reference?.trim() || null, sort_order: 1000,
    });
    setBusy(false);
    if (e) return setError(errorMessage(e));
    message.success(t('dossiers.catalogue.added', { name: v.name.trim() }));
    onClose(true);
  };
  return (
    <Modal open width={640} title={t('dossiers.catalogue.add')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'catalogue-add-ok' } as ButtonProps} destroyOnHidden>
      <Form<ItemForm> form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={{ party: 'school', cadence: 'yearly', due_days: 30, accepted_types: [...FILE_TYPES], max_mb: 20, signature_required: false, reviewer: 'bgh', reported_up: false }}>
        <Form.Item name="group" label={t('dossiers.fields.group')} rules={[{ required: true, whitespace: true }]} extra={t('dossiers.catalogue.group_hint')}>
          <AutoComplete options={own.map((g) => ({ value: g.name }))} data-testid="catalogue-group" />
        </Form.Item>
        <Form.Item name="name" label={t('dossiers.catalogue.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="catalogue-name" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="party" label={t('dossiers.fields.party')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 200 }} options={PARTIES.map((p) => ({ value: p, label: t(`dossiers.parties.${p}`) }))} />
          </Form.Item>
          {party === 'union_group' ? (
            <Form.Item name="union_group" label={t('dossiers.catalogue.union_group')} rules={[{ required: true }]}>
              <Select style={{ minWidth: 200 }} options={UNION_GROUPS.map((g) => ({ value: g, label: t(`dossiers.union_groups.${g}`) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="cadence" label={t('dossiers.catalogue.cadence')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 160 }} options={CADENCES.map((c) => ({ value: c, label: t(`dossiers.cadences.${c}`) }))} />
          </Form.Item>
          <Form.Item name="due_days" label={t('dossiers.catalogue.due_days')} rules={[{ required: true }]} tooltip={t('dossiers.catalogue.due_days_hint')}>
            <InputNumber min={0} max={120} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="accepted_types" label={t('dossiers.catalogue.accepted')} rules={[{ required: true }]}>
            <Select mode="multiple" style={{ minWidth: 260 }} options={FILE_TYPES.map((f) => ({ value: f, label: f.toUpperCase() }))} />
          </Form.Item>
          <Form.Item name="max_mb" label={t('dossiers.catalogue.max_mb')} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="reviewer" label={t('dossiers.catalogue.reviewer')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 180 }} options={REVIEWERS.map((r) => ({ value: r, label: t(`dossiers.reviewers.${r}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="signature_required" valuePropName="checked" extra={party === 'teacher' || party === 'homeroom' ? t('dossiers.catalogue.personal_signed') : undefined}>
          <Checkbox disabled={party === 'teacher' || party === 'homeroom'}>{t('dossiers.catalogue.signature')}</Checkbox>
        </Form.Item>
        <Form.Item name="reported_up" valuePropName="checked">
          <Checkbox>{t('dossiers.catalogue.reported_up')}</Checkbox>
        </Form.Item>
        <Form.Item name="legal_reference" label={t('dossiers.catalogue.legal')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        {error ? <Alert type="error" showIcon message={error} data-testid="catalogue-error" /> : null}
      </Form>
    </Modal>
  );
}

/**
 * Danh mục hồ sơ: the catalogue of the office that manages the school and the school's own items, read by
 * every staff member; the office's officers add to their office's, the school's admin board to the
 * school's (RLS: a school never changes the office's items, nobody deletes).
 */
export function CataloguePage() {
  const t = useTranslate();
  const supabase = useSupabase();
  const { data: identity } = useGetIdentity<Identity>();
  const [adding, setAdding] = useState(false);
  const catalogue = useQuery({
    queryKey: ['dossier_catalogue'],
    queryFn: async () => {
      const [groups, items] = await Promise.all([
        supabase.from('dossier_groups').select('id, owner_id, code, name, sort_order').order('sort_order'),
        supabase.from('dossier_items').select('*').order('sort_order'),
      ]);
      if (groups.error) throw new Error(errorMessage(groups.error));
      if (items.error) throw new Error(errorMessage(items.error));
      return { groups: groups.data as Group[], items: items.data as Item[] };
    },
  });
  const officer = identity?.current.find((m) => m.role === 'district_officer' || m.role === 'province_officer');
  const board = identity?.schoolsByRole.admin_board?.[0];
  const ownerId = officer?.org_unit_id ?? board;
  const unitName = (id: string) => identity?.memberships.find((m) => m.org_unit_id === id)?.org_unit_name ?? t('dossiers.catalogue.office_above');
  const groups = new Map((catalogue.data?.groups ?? []).map((g) => [g.id, g]));
  const items = [...(catalogue.data?.items ?? [])].sort((a, b) =>
    (a.owner_id === b.owner_id ? 0 : unitName(a.owner_id).localeCompare(unitName(b.owner_id), 'vi'))
    || (groups.get(a.group_id)?.sort_order ?? 0) - (groups.get(b.group_id)?.sort_order ?? 0) || a.sort_order - b.sort_order);
  return (
    <Flex vertical gap={12} data-testid="dossier-catalogue-page" style={{ minWidth: 0 }}>
      <Typography.Title level={3}>{t('menu.dossier_catalogue')}</Typography.Title>
      <Alert type="info" showIcon message={t('dossiers.catalogue.hint')} />
      {ownerId ? (
        <Space>
          <ActionButton resource="dossier_catalogue" action="create" type="primary" onClick={() => setAdding(true)} data-testid="catalogue-add">
            {t('dossiers.catalogue.add')}
          </ActionButton>
        </Space>
      ) : null}
      {catalogue.error ? <Alert type="error" showIcon message={(catalogue.error as Error).message} /> : null}
      <Table<Item>
        data-testid="dossier-catalogue"
        rowKey="id"
        size="small"
        loading={catalogue.isLoading}
        dataSource={items}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 1200 }}
        locale={{ emptyText: <Empty description={t('dossiers.catalogue.empty')} /> }}
        columns={[
          { title: t('dossiers.catalogue.owner'), dataIndex: 'owner_id', render: (id: string) => unitName(id) },
          { title: t('dossiers.fields.group'), dataIndex: 'group_id', render: (id: string) => groups.get(id)?.name ?? '' },
          { title: t('dossiers.catalogue.name'), dataIndex: 'name' },
          { title: t('dossiers.fields.party'), key: 'party', render: (_: unknown, i: Item) => i.union_group ? t(`dossiers.union_groups.${i.union_group}`) : t(`dossiers.parties.${i.party}`) },
          { title: t('dossiers.catalogue.cadence'), key: 'cadence', render: (_: unknown, i: Item) => `${t(`dossiers.cadences.${i.cadence}`)} · ${t('dossiers.catalogue.due_days_value', { days: i.due_days })}` },
          { title: t('dossiers.catalogue.accepted'), key: 'types', render: (_: unknown, i: Item) => `${typesLabel(i.accepted_types)} · ≤ ${megabytes(i.max_bytes)}` },
          { title: t('dossiers.catalogue.signature'), dataIndex: 'signature_required', render: (v: boolean) => (v ? <Tag color="orange">{t('dossiers.marks.signature_required')}</Tag> : null) },
          { title: t('dossiers.catalogue.reviewer'), dataIndex: 'reviewer', render: (r: string) => t(`dossiers.reviewers.${r}`) },
          { title: t('dossiers.catalogue.reported_up'), dataIndex: 'reported_up', render: (v: boolean) => (v ? <Tag>{t('dossiers.catalogue.yes')}</Tag> : null) },
          { title: t('dossiers.catalogue.retention'), dataIndex: 'retention_years', render: (y: number | null) => (y ? t('dossiers.catalogue.years', { years: y }) : t('dossiers.catalogue.permanent')) },
        ]}
      />
      {adding && ownerId ? <AddItemModal ownerId={ownerId} groups={catalogue.data?.groups ?? []} onClose={(added) => { setAdding(false); if (added) void catalogue.refetch(); }} /> : null}
    </Flex>
  );
}
