import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Input, Modal, Typography, theme } from 'antd';
import { useState } from 'react';
import { useSupabase } from '../../../providers/supabase.tsx';
import type { CorrectionRequestRow, Transition } from '../correctionModel.ts';
import { UnlockDialog, type UnlockValues } from './UnlockDialog.tsx';

interface Args {
  p_note?: string;
  p_until?: string;
  p_witnesses?: UnlockValues['witnesses'];
}

const CONFIRMED: Transition[] = ['submitted', 'withdrawn', 'forwarded', 'relocked'];
const WITH_NOTE: Transition[] = ['approved', 'rejected', 'minuted'];

/**
 * The buttons of the transitions the viewer is offered (correctionModel.availableTransitions), each one
 * call to rpc/advance_correction: a confirmation for the simple steps, a note for a decision (required
 * to reject), the place for the minutes, the unlock dialog for unlocking. The server's refusal is shown
 * as it is.
 */
export function CorrectionActions({
  request,
  transitions,
  automaticWitnesses,
  onDone,
}: {
  request: CorrectionRequestRow;
  transitions: Transition[];
  automaticWitnesses: { capacity: string; name: string }[];
  onDone: () => void;
}) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [noteFor, setNoteFor] = useState<Transition | null>(null);
  const [note, setNote] = useState('');
  const [unlocking, setUnlocking] = useState(false);

  const advance = async (to: Transition, args: Args = {}): Promise<boolean> => {
    setBusy(true);
    const { error: e } = await supabase.rpc('advance_correction', { p_request_id: request.id, p_to: to, ...args });
    setBusy(false);
    if (e) {
      setError(e.message);
      return false;
    }
    setError(null);
    message.success(t('correction_requests.actions.done', { status: t(`correction_requests.statuses.${to}`) }));
    onDone();
    return true;
  };

  const start = (to: Transition) => {
    setError(null);
    if (to === 'unlocked') return setUnlocking(true);
    if (WITH_NOTE.includes(to)) {
      setNote('');
      return setNoteFor(to);
    }
    if (CONFIRMED.includes(to)) {
      modal.confirm({
        title: t(`correction_requests.actions.${to}`),
        content: t(`correction_requests.actions.confirm_${to}`),
        okText: t('common.confirm'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'correction-confirm', danger: to === 'withdrawn' },
        onOk: () => advance(to),
      });
    }
  };

  const noteRequired = noteFor === 'rejected' || noteFor === 'minuted';
  const submitNote = async () => {
    if (!noteFor) return;
    if (noteRequired && note.trim().length < 3) return setError(t(noteFor === 'minuted' ? 'correction_requests.actions.place_required' : 'correction_requests.actions.note_required'));
    if (await advance(noteFor, { p_note: note.trim() || undefined })) setNoteFor(null);
  };

  if (transitions.length === 0) return null;
  return (
    <Flex vertical gap={token.marginXS}>
      <Flex gap={token.marginSM} wrap>
        {transitions.map((to) => (
          <Button
            key={to}
            type={to === 'withdrawn' || to === 'rejected' ? 'default' : 'primary'}
            danger={to === 'withdrawn' || to === 'rejected'}
            loading={busy && !noteFor && !unlocking}
            onClick={() => start(to)}
            data-testid={`correction-action-${to}`}
          >
            {t(`correction_requests.actions.${to}`)}
          </Button>
        ))}
      </Flex>
      {error && !noteFor && !unlocking && <Alert type="error" showIcon message={error} data-testid="correction-action-error" />}
      <Modal
        open={!!noteFor}
        title={noteFor ? t(`correction_requests.actions.${noteFor}`) : ''}
        onCancel={() => setNoteFor(null)}
        onOk={() => void submitNote()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, danger: noteFor === 'rejected', 'data-testid': 'correction-note-confirm' }}
        destroyOnHidden
      >
        <Typography.Text>{t(noteFor === 'minuted' ? 'correction_requests.actions.place' : 'correction_requests.actions.note')}</Typography.Text>
        {noteFor === 'minuted' ? (
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} placeholder={t('correction_requests.actions.place_placeholder')} data-testid="correction-note" />
        ) : (
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t(noteFor === 'rejected' ? 'correction_requests.actions.note_placeholder_rejected' : 'correction_requests.actions.note_placeholder_approved')}
            data-testid="correction-note"
          />
        )}
        {error && <Alert type="error" showIcon message={error} />}
      </Modal>
      <UnlockDialog
        open={unlocking}
        yearId={request.school_year_id}
        automatic={automaticWitnesses}
        busy={busy}
        error={error}
        onCancel={() => setUnlocking(false)}
        onConfirm={(v) => void advance('unlocked', { p_until: v.until, p_witnesses: v.witnesses }).then((ok) => ok && setUnlocking(false))}
      />
    </Flex>
  );
}
