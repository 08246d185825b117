// Refine resources, declared once: name = matrix entry = route = i18n `menu.<name>`. The menu shows a
// resource when the access-control provider allows `list` on it.
import { DashboardOutlined, HomeOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import type { Resource } from '../../policies/types.ts';

export const resources: (ResourceProps & { name: Resource })[] = [
  { name: 'dashboard', list: '/', meta: { icon: <HomeOutlined /> } },
  { name: 'status', list: '/status', meta: { icon: <DashboardOutlined /> } },
];
