import { useTranslate } from '@refinedev/core';
import { Alert, App, Flex, Input, Modal, Typography, theme } from 'antd';
import { useState } from 'react';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { errorMessage } from '../../../providers/errors.ts';
import { useSupabase } from '../../../providers/supabase.tsx';
import { TRANSITION_ACTION, offeredTransitions, type CorrectionRequestRow, type Transition } from '../correctionModel.ts';
import { UnlockDialog, type UnlockValues } from './UnlockDialog.tsx';

interface Args {
  p_note?: string;
  p_until?: string;
  p_witnesses?: UnlockValues['witnesses'];
}

const CONFIRMED: Transition[] = ['submitted', 'withdrawn', 'forwarded', 'relocked'];
const WITH_NOTE: Transition[] = ['approved', 'rejected', 'minuted'];

/**
 * The buttons of the steps the database offers the user on this request (its `allowed_actions`), each
 * an ActionButton of the step's matrix cell and one call to rpc/advance_correction: a confirmation for
 * the simple steps, a note for a decision (required to reject), the place for the minutes, the unlock
 * dialog for unlocking. A refusal is shown through errorMessage.
 */
export function CorrectionActions({
  request,
  automaticWitnesses,
  onDone,
}: {
  request: CorrectionRequestRow;
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
      setError(errorMessage(e));
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

  const transitions = offeredTransitions(request.allowed_actions);
  if (transitions.length === 0) return null;
  return (
    <Flex vertical gap={token.marginXS}>
      <Flex gap={token.marginSM} wrap>
        {transitions.map((to) => (
          <ActionButton
            key={to}
            resource="correction_requests"
            action={TRANSITION_ACTION[to]}
            row={{ school_id: request.school_id, class_id: request.class_id, subject_id: request.subject_id }}
            allowed={!!request.allowed_actions?.includes(to)}
            type={to === 'withdrawn' || to === 'rejected' ? 'default' : 'primary'}
            danger={to === 'withdrawn' || to === 'rejected'}
            loading={busy && !noteFor && !unlocking}
            onClick={() => start(to)}
            data-testid={`correction-action-${to}`}
          >
            {t(`correction_requests.actions.${to}`)}
          </ActionButton>
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
