import { useMemo, useState } from 'react';
import { App, Empty, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useLanguage } from '../../i18n';
import { useCategories, useIssueRoutes, useSaveRoute } from './api';
import { categoryName, categoryTree, type CategoryNode } from './categories';
import { useIssueErrorText } from './errorText';
import { BODY_KINDS, type BodyKind, type Category } from './types';

interface Row {
  category: Category;
  depth: number;
}

const flat = (nodes: CategoryNode[], depth = 0): Row[] =>
  nodes.flatMap((n) => [{ category: n.category, depth }, ...flat(n.children, depth + 1)]);

/** 分类派单表: which compound body handles a 大事 of each category (物业, 业委会 or 小区党支部). */
export function RoutesTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const [compound, setCompound] = useState<string | undefined>();
  const categories = useCategories();
  const routes = useIssueRoutes(compound);
  const save = useSaveRoute();
  const rows = useMemo(() => flat(categoryTree((categories.data ?? []).filter((c) => c.active))), [categories.data]);
  const routed = new Map((routes.data ?? []).map((r) => [r.categoryId, r.bodyKind]));

  let table;
  if (!compound) table = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('issues.settings.routes.pickCompound')} />;
  else if (routes.isError) table = <ErrorAlert error={routes.error} onRetry={() => void routes.refetch()} />;
  else {
    table = (
      <Table<Row>
        data-testid="routes-table"
        size="small"
        rowKey={(row) => row.category.id}
        loading={routes.isPending || categories.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'category',
            title: t('issues.fields.category'),
            render: (_, row) => <span style={{ paddingInlineStart: row.depth * 20 }}>{categoryName(row.category, language)}</span>,
          },
          {
            key: 'body',
            title: t('issues.settings.routes.body'),
            render: (_, row) => (
              <Select<BodyKind>
                data-testid={`route-${row.category.code}`}
                value={routed.get(row.category.id)}
                placeholder={t('issues.settings.routes.default')}
                style={{ minWidth: 180 }}
                disabled={save.isPending}
                onChange={(bodyKind) =>
                  save.mutate(
                    { unitId: Number(compound), categoryId: row.category.id, bodyKind },
                    {
                      onSuccess: () => void message.success(t('common.saved')),
                      onError: (error) => void message.error(errorText(error)),
                    },
                  )
                }
                options={BODY_KINDS.map((k) => ({ value: k, label: t(`issues.bodyKind.${k}`) }))}
              />
            ),
          },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('issues.settings.routes.hint')}</Typography.Text>
      <div style={{ maxWidth: 360 }}>
        <UnitTreeSelect
          testId="routes-compound"
          value={compound}
          onChange={setCompound}
          selectable={['compound']}
          maxLevel="compound"
          placeholder={t('issues.settings.routes.pickCompound')}
        />
      </div>
      {table}
    </Flex>
  );
}
