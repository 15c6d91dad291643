import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface PageHeaderProps {
  title: ReactNode;
  /** A line under the title. */
  subtitle?: ReactNode;
  /** The page's actions, at the end of the row (below the title on a narrow phone). */
  extra?: ReactNode;
}

/** The title row of a work page: title (and subtitle) at the start, actions at the end, wrapping on a phone. */
export function PageHeader({ title, subtitle, extra }: PageHeaderProps) {
  const heading = (
    <Typography.Title level={3} style={{ margin: 0 }}>
      {title}
    </Typography.Title>
  );
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      {subtitle ? (
        <Flex vertical style={{ minWidth: 0 }}>
          {heading}
          <Typography.Text type="secondary">{subtitle}</Typography.Text>
        </Flex>
      ) : (
        heading
      )}
      {extra}
    </Flex>
  );
}
