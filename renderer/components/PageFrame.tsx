import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface PageFrameProps {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** The frame of every section page: a title row (with optional actions) and the content. */
export function PageFrame({ title, extra, children, testId }: PageFrameProps) {
  return (
    <section className="owb-page" data-testid={testId} aria-label={title}>
      <Flex justify="space-between" align="center" wrap gap={12} className="owb-page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? <Flex gap={8}>{extra}</Flex> : null}
      </Flex>
      <div className="owb-page-body">{children}</div>
    </section>
  );
}
