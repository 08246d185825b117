import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Spin, Typography, theme } from 'antd';
import { errorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { HealthBook } from './HealthBook.tsx';

/**
 * Sức khỏe (guardian, student): the book of each child the family reads (RLS on students returns the
 * caller's children, or the student themself) and its notices with "Đã nhận". Made for a phone first
 * (360 px, the shell's phone layout): one column, the notices first, tables scroll inside their card,
 * never the page (tests/e2e/phones.test.ts).
 */
export function FamilyHealth() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const children = useQuery({
    queryKey: ['family-students'],
    queryFn: async () => {
      const { data, error } = await supabase.from('students').select('id, full_name, student_code').order('given_name');
      if (error) throw new Error(errorMessage(error));
      return data;
    },
  });
  if (children.isLoading) return <Spin />;
  if (children.error) return <Alert type="error" showIcon message={(children.error as Error).message} />;
  if (!children.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.family.none')} />;
  return (
    <Flex vertical gap={token.marginLG} data-testid="family-health" style={{ minWidth: 0 }}>
      {children.data.map((c) => (
        <Flex key={c.id} vertical gap={token.marginXS} style={{ minWidth: 0 }} data-testid={`family-health-${c.student_code}`}>
          <Typography.Title level={4} style={{ margin: 0 }}>{c.full_name}</Typography.Title>
          <HealthBook studentId={c.id} mode="family" />
        </Flex>
      ))}
    </Flex>
  );
}
