// What every entry sheet with a "Tải lại" and a "Lưu" button shares (score entries, conduct, attendance,
// qualities): reloading over unsaved edits asks first, Ctrl+S / Cmd+S saves instead of the browser's
// "save page", and the toolbar holding both stays in sight while the grid scrolls.
import { useTranslate } from '@refinedev/core';
import { App, theme } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties, type RefCallback } from 'react';

/** `run` at once when nothing is unsaved, else after the user agrees to drop the edits. */
export function useConfirmDiscard(): (dirty: boolean, run: () => void) => void {
  const { modal } = App.useApp();
  const t = useTranslate();
  return useCallback(
    (dirty: boolean, run: () => void) => {
      if (!dirty) return run();
      modal.confirm({
        title: t('common.discard.title'),
        content: t('common.discard.content'),
        okText: t('common.discard.ok'),
        okButtonProps: { danger: true, ...({ 'data-testid': 'discard-confirm' } as Record<string, string>) },
        cancelText: t('common.cancel'),
        cancelButtonProps: { ...({ 'data-testid': 'discard-cancel' } as Record<string, string>) },
        onOk: run,
      });
    },
    [modal, t],
  );
}

/** Whether a key event is Ctrl+S (Cmd+S on a Mac), whatever the keyboard layout's case. */
export const isSaveShortcut = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's';

/**
 * Ctrl+S / Cmd+S anywhere on the page saves (when `enabled`: something to save and allowed); the
 * browser's own "save page" never opens while the sheet is shown.
 */
export function useSaveShortcut(save: () => void, enabled: boolean): void {
  const latest = useRef({ save, enabled });
  latest.current = { save, enabled };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSaveShortcut(e)) return;
      e.preventDefault();
      if (latest.current.enabled) latest.current.save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * A toolbar that stays at the top of the window while the grid below it scrolls: its style, a ref that
 * measures it, and its height (a grid's sticky header goes just below it: `sticky={{ offsetHeader }}`).
 */
export function useStickyBar(): { ref: RefCallback<HTMLElement>; style: CSSProperties; offsetHeader: number } {
  const { token } = theme.useToken();
  const [height, setHeight] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback<RefCallback<HTMLElement>>((node) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!node) return;
    setHeight(node.getBoundingClientRect().height);
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(() => setHeight(node.getBoundingClientRect().height));
    observer.current.observe(node);
  }, []);
  const style: CSSProperties = { position: 'sticky', top: 0, zIndex: 10, background: token.colorBgLayout, paddingBlock: token.paddingXS };
  return { ref, style, offsetHeader: Math.ceil(height) };
}
