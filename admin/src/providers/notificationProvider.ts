// Refine's notifications through antd's App notification API. @refinedev/antd's own provider also draws
// the countdown of "undoable" mutations (antd Progress and the @refinedev/antd bundle on every page); the
// admin has none — every write is pessimistic, and answers or refuses before anything is shown as done —
// so a "progress" notice is shown as plain information.
import type { NotificationProvider } from '@refinedev/core';
import { App } from 'antd';

export function useNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      const show = type === 'success' ? notification.success : type === 'error' ? notification.error : notification.info;
      show({ key, message, description });
    },
    close: (key) => notification.destroy(key),
  };
}
