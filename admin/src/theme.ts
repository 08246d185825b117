// The one place for colours and sizes that differ from antd's defaults; components read the resulting
// tokens with theme.useToken() instead of repeating inline values.
import type { ThemeConfig } from 'antd';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 6,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerPadding: '0 24px',
      lightSiderBg: '#ffffff',
    },
  },
};
