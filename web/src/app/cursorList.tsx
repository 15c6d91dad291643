import { Button, Flex, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, type Query } from './api';
import type { Page } from './types';

const PAGE_SIZE = 50;

/** A cursor-paginated list (`{items, nextCursor}`), grown page by page with "load more". */
export function useCursorList<T>(queryKey: readonly unknown[], path: string, query: Query, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: [...queryKey, query],
    queryFn: ({ pageParam }) => apiGet<Page<T>>(path, { ...query, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...result, items };
}

interface LoadMoreProps {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}

export function LoadMore({ shown, hasMore, loading, onMore }: LoadMoreProps) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} wrap style={{ padding: '12px 0' }}>
      <Typography.Text type="secondary" data-testid="list-count">
        {t('common.shown', { n: shown })}
      </Typography.Text>
      {hasMore ? (
        <Button data-testid="load-more" loading={loading} onClick={onMore}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Flex>
  );
}
