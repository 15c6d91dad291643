import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, Select, Skeleton, Table, Tabs, TreeSelect, Typography } from 'antd';
import { ArrowLeftOutlined, MergeCellsOutlined, PlusOutlined, SendOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useOrgTree } from '../../app/orgTree';
import { useCan } from '../../app/session';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { useCategories, useFloodIssues, useFloods, useIssueList, type IssueFilter } from './api';
import { BulkAssignModal } from './BulkAssignModal';
import { categoryOptions, categoryPath, categoryTree } from './categories';
import { FloodCloseModal } from './FloodCloseModal';
import { DueText, OverdueTag, SizeTag, StatusTag, SupervisionTag } from './IssueTags';
import { sharedCompound } from './place';
import { OPEN_STATUSES, SIZES, STATUSES, type Category, type FloodIssue, type IssueItem, type QueueView } from './types';
import { useNow, useWorkCalendar } from './useWorkCalendar';
import type { WorkCalendar } from './workTime';

const STAFF_VIEWS: readonly QueueView[] = ['mine', 'open', 'overdue', 'supervision', 'all', 'reported'];
const FILTER_KEYS = ['unitId', 'status', 'categoryId', 'size', 'q'] as const;
/** A flood's reports can be rejected or merged while nobody has taken them on yet. */
const FLOOD_CLOSABLE: readonly IssueItem['status'][] = ['reported', 'assigned'];

/** An origin (a keyed hash of an address) as staff tell them apart: six characters are enough within a place. */
const originCode = (origin: string | null | undefined) => (origin ? origin.slice(0, 6).toUpperCase() : '—');

function useHandlerText(): (issue: IssueItem) => string {
  const { t } = useTranslation();
  return (issue) => issue.assigneeName ?? t(`issues.handlerKind.${issue.handlerKind}`, { defaultValue: issue.handlerKind });
}

interface RowContext {
  categories: Category[];
  calendar: WorkCalendar;
  now: Date;
}

function IssueCard({
  issue,
  context,
  selectable,
  checked,
  onCheck,
}: {
  issue: IssueItem | FloodIssue;
  context: RowContext;
  selectable: boolean;
  checked: boolean;
  onCheck: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const handler = useHandlerText();
  return (
    <Card size="small" data-testid="issue-card" data-issue-id={issue.id}>
      <Flex vertical gap={6}>
        <Flex gap={8} align="flex-start">
          {selectable ? (
            <Checkbox
              checked={checked}
              onChange={(event) => onCheck(event.target.checked)}
              aria-label={t('issues.bulk.select', { id: issue.id })}
            />
          ) : null}
          <Link to={`/issues/${issue.id}`} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              #{issue.id} {issue.title}
            </Typography.Text>
          </Link>
        </Flex>
        <Flex gap={4} wrap>
          <StatusTag status={issue.status} />
          <SizeTag size={issue.size} />
          <OverdueTag overdue={issue.overdue} />
          <SupervisionTag supervision={issue.supervision} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
          {issue.unitName} · {categoryPath(context.categories, issue.categoryId, language)}
          {'origin' in issue ? ` · ${t('issues.flood.originColumn')} ${originCode(issue.origin)}` : null}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
          {t('issues.fields.handler')}: {handler(issue)}
        </Typography.Text>
        {issue.dueAt ? (
          <div style={{ fontSize: 13 }}>
            <DueText
              dueAt={issue.dueAt}
              overdue={issue.overdue}
              open={OPEN_STATUSES.includes(issue.status)}
              calendar={context.calendar}
              now={context.now}
            />
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 问题办理: the work queues (我的待办, 本辖区待办, 超期, 督办, 全部, 我反映的) with filters and 批量派单. */
export function IssueQueuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const can = useCan();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const staff = can('issues.read');
  const views = staff ? STAFF_VIEWS : (['reported'] as const);
  const [params, setParams] = useSearchParams();
  const view: QueueView = views.find((v) => v === params.get('view')) ?? views[0];
  const filter: IssueFilter = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]).filter(([, v]) => v),
  );
  const list = useIssueList(view, filter);
  const categories = useCategories();
  const calendar = useWorkCalendar();
  const now = useNow();
  const handler = useHandlerText();
  const orgTree = useOrgTree();
  const [selected, setSelected] = useState<Map<number, number>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  // 刷单: a place flooded with anonymous QR reports, reviewed apart from the queues (?flood=unit&origin=hash).
  const floodUnit = staff ? (params.get('flood') ?? undefined) : undefined;
  const floodOrigin = floodUnit ? (params.get('origin') ?? undefined) : undefined;
  const floodMode = floodUnit !== undefined;
  const floods = useFloods(filter.unitId, staff && view !== 'reported' && !floodMode);
  const floodList = useFloodIssues(floodUnit, floodOrigin);
  const floodPlace = useFloodIssues(floodUnit, undefined);
  const [closeMode, setCloseMode] = useState<'reject' | 'merge' | null>(null);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
    setSelected(new Map());
  };

  // Retired categories stay in the filter: their issues are still in the queues.
  const tree = useMemo(() => categoryOptions(categoryTree(categories.data ?? []), language), [categories.data, language]);
  // Only waiting issues (待派单) can be dispatched; the server checks who may dispatch each one.
  const canBulk = staff && (floodMode || view !== 'reported');
  const isSelectable = (issue: IssueItem) => canBulk && (floodMode ? FLOOD_CLOSABLE.includes(issue.status) : issue.status === 'reported');
  const context: RowContext = { categories: categories.data ?? [], calendar, now };
  const items: (IssueItem | FloodIssue)[] = floodMode ? (floodList.data ?? []) : list.items;
  const shown = floodMode
    ? { isPending: floodList.isPending, isError: floodList.isError, error: floodList.error, refetch: () => void floodList.refetch() }
    : { isPending: list.isPending, isError: list.isError, error: list.error, refetch: () => void list.refetch() };
  const selectedUnits = items.filter((issue) => selected.has(issue.id)).map((issue) => issue.unitId);
  const selectAll = () => setSelected(new Map(items.filter(isSelectable).map((issue) => [issue.id, issue.version])));
  const placeIssues = floodPlace.data ?? [];
  const floodName = placeIssues[0]?.unitName ?? floods.data?.items.find((f) => String(f.unitId) === floodUnit)?.unitName ?? '';
  const origins = [...placeIssues.reduce((m, i) => m.set(i.origin ?? '', (m.get(i.origin ?? '') ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]);
  const toggle = (issue: IssueItem, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(issue.id, issue.version);
      else next.delete(issue.id);
      return next;
    });

  const filters = (
    <Card size="small">
      <Flex gap={8} wrap>
        {staff ? (
          <div style={{ flex: '1 1 200px', minWidth: 0 }}>
            <UnitTreeSelect
              testId="issues-unit"
              value={filter.unitId}
              onChange={(value) => update({ unitId: value })}
              allowClear
              placeholder={t('issues.filters.allUnits')}
            />
          </div>
        ) : null}
        <Select
          data-testid="issues-status"
          value={filter.status}
          onChange={(value: string | undefined) => update({ status: value })}
          allowClear
          placeholder={t('issues.filters.status')}
          style={{ flex: '1 1 120px', minWidth: 0 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`issues.status.${s}`) }))}
        />
        <TreeSelect
          data-testid="issues-category"
          value={filter.categoryId === undefined ? undefined : Number(filter.categoryId)}
          onChange={(value: number | undefined) => update({ categoryId: value === undefined ? undefined : String(value) })}
          allowClear
          treeData={tree}
          treeDefaultExpandAll
          placeholder={t('issues.filters.category')}
          style={{ flex: '1 1 140px', minWidth: 0 }}
          popupMatchSelectWidth={false}
          styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
        />
        <Select
          data-testid="issues-size"
          value={filter.size}
          onChange={(value: string | undefined) => update({ size: value })}
          allowClear
          placeholder={t('issues.filters.size')}
          style={{ flex: '1 1 100px', minWidth: 0 }}
          options={SIZES.map((s) => ({ value: s, label: t(`issues.size.${s}`) }))}
        />
        <Input.Search
          key={filter.q ?? ''}
          data-testid="issues-search"
          defaultValue={filter.q}
          allowClear
          placeholder={t('issues.filters.search')}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          style={{ flex: '1 1 180px', minWidth: 0 }}
        />
      </Flex>
    </Card>
  );

  const floodBanner =
    !floodMode && floods.data && floods.data.items.length > 0 ? (
      <Alert
        type="warning"
        showIcon
        data-testid="flood-banner"
        title={t('issues.flood.bannerTitle')}
        description={
          <Flex vertical gap={4}>
            {floods.data.items.slice(0, 5).map((f) => (
              <Flex key={f.unitId} gap={8} wrap align="center" justify="space-between">
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                  {t('issues.flood.banner', { place: f.unitName, n: f.reports, top: f.origins[0]?.reports ?? 0 })}
                </Typography.Text>
                <Button size="small" data-testid="flood-review" data-unit-id={f.unitId} onClick={() => update({ flood: String(f.unitId), origin: f.origins[0]?.origin ?? undefined })}>
                  {t('issues.flood.review')}
                </Button>
              </Flex>
            ))}
          </Flex>
        }
      />
    ) : null;

  const floodHeader = floodMode ? (
    <Card size="small" data-testid="flood-panel">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {t('issues.flood.title', { place: floodName })}
          </Typography.Text>
          <Button icon={<ArrowLeftOutlined />} onClick={() => update({ flood: undefined, origin: undefined })} data-testid="flood-back">
            {t('issues.flood.back')}
          </Button>
        </Flex>
        <Typography.Text type="secondary">{t('issues.flood.hint')}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <Select
            data-testid="flood-origin"
            value={floodOrigin}
            onChange={(value: string | undefined) => update({ origin: value })}
            allowClear
            placeholder={t('issues.flood.allOrigins')}
            style={{ flex: '1 1 200px', minWidth: 0 }}
            options={origins.filter(([origin]) => origin).map(([origin, n]) => ({ value: origin, label: t('issues.flood.origin', { code: originCode(origin), n }) }))}
          />
          <Button onClick={selectAll} data-testid="flood-select-all">
            {t('issues.flood.selectAll')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  ) : null;

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={floodMode ? t('issues.flood.empty') : t(`issues.empty.${view}`)} />;
  let body;
  if (shown.isError) body = <ErrorAlert error={shown.error} onRetry={shown.refetch} />;
  else if (mobile) {
    body = shown.isPending ? (
      <Skeleton active paragraph={{ rows: 6 }} />
    ) : items.length === 0 ? (
      empty
    ) : (
      <Flex vertical gap={8} data-testid="issue-cards">
        {items.map((issue) => (
          <IssueCard
            key={issue.id}
            issue={issue}
            context={context}
            selectable={isSelectable(issue)}
            checked={selected.has(issue.id)}
            onCheck={(on) => toggle(issue, on)}
          />
        ))}
      </Flex>
    );
  } else {
    body = (
      <Table<IssueItem | FloodIssue>
        data-testid="issues-table"
        size="small"
        rowKey="id"
        loading={shown.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty }}
        rowSelection={
          canBulk
            ? {
                selectedRowKeys: [...selected.keys()],
                onChange: (_keys, rows) => setSelected(new Map(rows.map((r) => [r.id, r.version]))),
                getCheckboxProps: (issue) => ({ disabled: !isSelectable(issue) }),
              }
            : undefined
        }
        onRow={(issue) => {
          const attributes: Record<string, unknown> = {
            'data-testid': 'issue-row',
            'data-issue-id': issue.id,
            onDoubleClick: () => void navigate(`/issues/${issue.id}`),
          };
          return attributes;
        }}
        columns={[
          {
            key: 'title',
            title: t('issues.fields.title'),
            render: (_, issue) => (
              <Link to={`/issues/${issue.id}`} style={{ display: 'inline-block', maxWidth: 320, overflowWrap: 'anywhere' }}>
                #{issue.id} {issue.title}
              </Link>
            ),
          },
          {
            key: 'status',
            title: t('issues.fields.status'),
            render: (_, issue) => (
              <Flex gap={4} wrap style={{ maxWidth: 200 }}>
                <StatusTag status={issue.status} />
                <OverdueTag overdue={issue.overdue} />
                <SupervisionTag supervision={issue.supervision} />
              </Flex>
            ),
          },
          { key: 'size', title: t('issues.fields.size'), render: (_, issue) => <SizeTag size={issue.size} /> },
          {
            key: 'category',
            title: t('issues.fields.category'),
            render: (_, issue) => categoryPath(context.categories, issue.categoryId, language),
          },
          { key: 'place', title: t('issues.fields.place'), dataIndex: 'unitName' },
          ...(floodMode
            ? [{ key: 'origin', title: t('issues.flood.originColumn'), render: (_: unknown, issue: IssueItem | FloodIssue) => ('origin' in issue ? originCode(issue.origin) : '—') }]
            : []),
          { key: 'handler', title: t('issues.fields.handler'), render: (_, issue) => handler(issue) },
          {
            key: 'due',
            title: t('issues.fields.due'),
            render: (_, issue) => (
              <DueText
                dueAt={issue.dueAt}
                overdue={issue.overdue}
                open={OPEN_STATUSES.includes(issue.status)}
                calendar={calendar}
                now={now}
              />
            ),
          },
          {
            key: 'createdAt',
            title: t('issues.fields.createdAt'),
            render: (_, issue) => formatDateTime(issue.createdAt, language),
          },
        ]}
      />
    );
  }

  return (
    <Flex vertical gap={16} data-testid="issues-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('issues.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          {can('issues.configure') ? (
            <Link to="/issues/settings">
              <Button icon={<SettingOutlined />} data-testid="issues-settings">
                {t('issues.settings.title')}
              </Button>
            </Link>
          ) : null}
          {can('issues.report') ? (
            <Link to="/issues/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="issues-new">
                {t('issues.report.title')}
              </Button>
            </Link>
          ) : null}
        </Flex>
      </Flex>
      <Tabs
        activeKey={view}
        onChange={(key) => update({ view: key === views[0] ? undefined : key, flood: undefined, origin: undefined })}
        items={views.map((v) => ({ key: v, label: <span data-testid={`issues-view-${v}`}>{t(`issues.views.${v}`)}</span> }))}
      />
      {floodBanner}
      {floodHeader ?? filters}
      {selected.size > 0 ? (
        <Card size="small" data-testid="bulk-bar">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text>{t(floodMode ? 'issues.flood.selected' : 'issues.bulk.selected', { n: selected.size })}</Typography.Text>
            <Flex gap={8} wrap>
              <Button onClick={() => setSelected(new Map())}>{t('issues.bulk.clear')}</Button>
              {floodMode ? (
                <>
                  <Button icon={<MergeCellsOutlined />} onClick={() => setCloseMode('merge')} data-testid="flood-merge">
                    {t('issues.flood.mergeInto')}
                  </Button>
                  <Button danger type="primary" icon={<StopOutlined />} onClick={() => setCloseMode('reject')} data-testid="flood-reject">
                    {t('issues.flood.reject')}
                  </Button>
                </>
              ) : (
                <Button type="primary" icon={<SendOutlined />} onClick={() => setBulkOpen(true)} data-testid="bulk-assign">
                  {t('issues.bulk.submit')}
                </Button>
              )}
            </Flex>
          </Flex>
        </Card>
      ) : null}
      {body}
      {list.isError || floodMode ? null : (
        <LoadMore
          shown={list.items.length}
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
        />
      )}
      <BulkAssignModal
        open={bulkOpen}
        items={[...selected].map(([id, version]) => ({ id, version }))}
        compoundId={orgTree.data ? sharedCompound(orgTree.data, selectedUnits) : null}
        onClose={() => setBulkOpen(false)}
        onDone={() => setSelected(new Map())}
      />
      <FloodCloseModal
        mode={closeMode}
        items={[...selected].map(([id, version]) => ({ id, version }))}
        candidates={placeIssues.filter((issue) => OPEN_STATUSES.includes(issue.status))}
        onClose={() => setCloseMode(null)}
        onDone={() => setSelected(new Map())}
      />
    </Flex>
  );
}
