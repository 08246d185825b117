import { useTranslate } from '@refinedev/core';
import { Alert, Button, theme } from 'antd';
import { useState } from 'react';
import { functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';

/**
 * Bản xem học bạ: the published years of a child's (or one's own) transcript as a PDF from the `print`
 * function, marked "Bản xem – không phải bản chính" on every page; opened in a new tab (a phone's own
 * PDF viewer). The function decides what a family may see. The button's words wrap on a narrow screen.
 */
export function TranscriptView({ studentId }: { studentId: string }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const open = async () => {
    setBusy(true);
    setFailure(null);
    // Opened before the request so that the browser does not block it as a pop-up.
    const tab = window.open('', '_blank');
    const { data, error } = await supabase.functions.invoke('print', { body: { document: 'transcript', student_id: studentId } });
    setBusy(false);
    if (error) {
      tab?.close();
      return setFailure(await functionErrorMessage(error));
    }
    const url = URL.createObjectURL(data as Blob);
    if (tab) tab.location.href = url;
    else window.location.href = url;
  };

  return (
    <>
      <Button loading={busy} onClick={() => void open()} data-testid={`transcript-view-${studentId}`} style={{ alignSelf: 'flex-start', maxWidth: '100%', height: 'auto', minHeight: token.controlHeight, paddingBlock: token.paddingXXS, whiteSpace: 'normal' }}>
        {t('documents.family_view')}
      </Button>
      {failure ? <Alert type="warning" showIcon message={failure} /> : null}
    </>
  );
}
