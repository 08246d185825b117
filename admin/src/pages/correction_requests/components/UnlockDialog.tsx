import { useTranslate } from '@refinedev/core';
import { Alert, DatePicker, Flex, Form, List, Modal, Select, Typography } from 'antd';
import { formatDateTime } from '../../../i18n/format.ts';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useYearStaff } from '../../../components/useYearData.ts';
import { unlockUntilValid } from '../correctionModel.ts';

export interface UnlockValues {
  until: string;
  witnesses: { profile_id: string; capacity: 'bgh' | 'inspector' }[];
}

const PRESETS = [
  { key: 'm30', minutes: 30 },
  { key: 'h1', minutes: 60 },
  { key: 'h2', minutes: 120 },
] as const;

/**
 * Mở khoá để sửa: the end time (a preset or a time within 24 hours) and the witnesses the admin board
 * chooses (a BGH member and an inspection board member of the year); those recorded automatically are
 * listed read-only. The server checks every choice again and its message is shown by the caller.
 */
export function UnlockDialog({
  open,
  yearId,
  automatic,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  yearId: string;
  automatic: { capacity: string; name: string }[];
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (values: UnlockValues) => void;
}) {
  const t = useTranslate();
  const bgh = useYearStaff(yearId, ['principal', 'vice_principal']);
  const inspectors = useYearStaff(yearId, ['inspector']);
  const [preset, setPreset] = useState<string>('h1');
  const [custom, setCustom] = useState<Dayjs | null>(null);
  const [bghId, setBghId] = useState<string | undefined>();
  const [inspectorId, setInspectorId] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = () => {
    const minutes = PRESETS.find((p) => p.key === preset)?.minutes;
    const until = preset === 'custom' ? custom?.toDate() : minutes ? new Date(Date.now() + minutes * 60_000) : undefined;
    if (!until || !unlockUntilValid(until)) return setProblem(t('correction_requests.unlock.until_invalid'));
    if (!bghId) return setProblem(t('correction_requests.unlock.bgh_required'));
    if (!inspectorId) return setProblem(t('correction_requests.unlock.inspector_required'));
    setProblem(null);
    onConfirm({
      until: until.toISOString(),
      witnesses: [
        { profile_id: bghId, capacity: 'bgh' },
        { profile_id: inspectorId, capacity: 'inspector' },
      ],
    });
  };

  return (
    <Modal
      open={open}
      title={t('correction_requests.unlock.title')}
      onCancel={onCancel}
      onOk={confirm}
      okText={t('correction_requests.unlock.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'unlock-confirm' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('correction_requests.unlock.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('correction_requests.unlock.until')} required>
          <Flex vertical gap="small">
            <Select
              data-testid="unlock-until"
              value={preset}
              onChange={setPreset}
              options={[
                ...PRESETS.map((p) => ({ value: p.key, label: `${t(`correction_requests.unlock.presets.${p.key}`)} (${formatDateTime(Date.now() + p.minutes * 60_000)})` })),
                { value: 'custom', label: t('correction_requests.unlock.presets.custom') },
              ]}
            />
            {preset === 'custom' && (
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="DD/MM/YYYY HH:mm"
                value={custom}
                onChange={setCustom}
                disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'day'), 'day')}
                data-testid="unlock-until-picker"
              />
            )}
          </Flex>
        </Form.Item>
        <Form.Item label={t('correction_requests.unlock.bgh')} required>
          <Select data-testid="unlock-bgh" showSearch optionFilterProp="label" options={bgh} value={bghId} onChange={setBghId} />
        </Form.Item>
        <Form.Item label={t('correction_requests.unlock.inspector')} required>
          <Select data-testid="unlock-inspector" showSearch optionFilterProp="label" options={inspectors} value={inspectorId} onChange={setInspectorId} />
        </Form.Item>
        <Form.Item label={t('correction_requests.unlock.automatic')}>
          <List
            size="small"
            bordered
            dataSource={automatic}
            data-testid="unlock-automatic"
            renderItem={(w) => (
              <List.Item>
                <Typography.Text>{w.name}</Typography.Text>
                <Typography.Text type="secondary">{t(`correction_requests.capacities.${w.capacity}`)}</Typography.Text>
              </List.Item>
            )}
          />
        </Form.Item>
      </Form>
      {(problem ?? error) && <Alert type="error" showIcon message={problem ?? error} data-testid="unlock-error" />}
    </Modal>
  );
}
