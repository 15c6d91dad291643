import { useMemo, useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { FormModal } from '../../app/FormModal';
import { showFieldIssues } from '../../app/formErrors';
import { useLanguage } from '../../i18n';
import { useCategories, useCreateCategory, usePatchCategory } from './api';
import { categoryOptions, categoryTree, type CategoryNode } from './categories';
import { useIssueErrorText } from './errorText';
import { SIZES, type Category, type Size } from './types';

interface Values {
  parentId?: number | null;
  code: string;
  nameZh: string;
  nameBo: string;
  nameEn: string;
  defaultSize: Size;
  sort?: number;
}

interface Row extends Category {
  children?: Row[];
}

const toRows = (nodes: CategoryNode[]): Row[] =>
  nodes.map((n) => ({ ...n.category, children: n.children.length > 0 ? toRows(n.children) : undefined }));

const FIELDS = ['parentId', 'code', 'nameZh', 'nameBo', 'nameEn', 'defaultSize', 'sort'];

/** Editing: null closed, `{}` a new top-level category, `{parentId}` a new child, `{category}` an edit. */
type Editing = { category?: Category; parentId?: number } | null;

function CategoryModal({ editing, onClose, all }: { editing: Editing; onClose: () => void; all: Category[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const create = useCreateCategory();
  const patch = usePatchCategory();
  const existing = editing?.category;
  const parents = useMemo(
    () => categoryOptions(categoryTree(all.filter((c) => c.id !== existing?.id)), language),
    [all, existing, language],
  );
  const onError = (error: unknown) => {
    if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
  };
  const onSuccess = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const submit = (values: Values) => {
    const names = { nameZh: values.nameZh.trim(), nameBo: values.nameBo.trim(), nameEn: values.nameEn.trim() };
    if (existing) {
      patch.mutate(
        { id: existing.id, patch: { ...names, parentId: values.parentId ?? null, defaultSize: values.defaultSize, sort: values.sort ?? 0 } },
        { onSuccess, onError },
      );
    } else {
      create.mutate({ ...names, code: values.code.trim(), parentId: values.parentId ?? null, defaultSize: values.defaultSize, sort: values.sort }, { onSuccess, onError });
    }
  };
  const required = { required: true, whitespace: true, message: t('issues.form.required') };
  return (
    <FormModal<Values>
      open={editing !== null}
      title={existing ? t('issues.settings.categories.edit') : t('issues.settings.categories.add')}
      form={form}
      onClose={onClose}
      pending={create.isPending || patch.isPending}
      onFinish={submit}
      initialValues={
        existing
          ? { ...existing }
          : { parentId: editing?.parentId ?? null, defaultSize: 'small', sort: 0 }
      }
      data-testid="category-form"
    >
      <Form.Item name="parentId" label={t('issues.settings.categories.parent')}>
        <TreeSelect treeData={parents} allowClear treeDefaultExpandAll placeholder={t('issues.settings.categories.topLevel')} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('issues.settings.categories.code')}
        extra={t('issues.settings.categories.codeHint')}
        rules={existing ? [] : [required, { pattern: /^[a-z0-9_.-]+$/, message: t('issues.settings.categories.codeHint') }]}
      >
        <Input maxLength={60} disabled={Boolean(existing)} />
      </Form.Item>
      <Form.Item name="nameZh" label={t('issues.settings.categories.nameZh')} rules={[required]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="nameBo" label={t('issues.settings.categories.nameBo')} rules={[required]}>
        <Input maxLength={120} lang="bo" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('issues.settings.categories.nameEn')} rules={[required]}>
        <Input maxLength={60} lang="en" />
      </Form.Item>
      <Form.Item name="defaultSize" label={t('issues.settings.categories.defaultSize')} extra={t('issues.settings.categories.sizeHint')}>
        <Select options={SIZES.map((s) => ({ value: s, label: t(`issues.size.${s}`) }))} />
      </Form.Item>
      <Form.Item name="sort" label={t('issues.settings.categories.sort')}>
        <InputNumber min={0} max={10000} precision={0} />
      </Form.Item>
    </FormModal>
  );
}

/** 问题分类: the tree residents and staff choose from; each category says how big its problems usually are. */
export function CategoriesTab() {
  const { t } = useTranslation();
  const categories = useCategories();
  const patch = usePatchCategory();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const [editing, setEditing] = useState<Editing>(null);
  const rows = useMemo(() => toRows(categoryTree(categories.data ?? [])), [categories.data]);
  if (categories.isError) return <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('issues.settings.categories.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="category-add">
          {t('issues.settings.categories.add')}
        </Button>
      </Flex>
      <Table<Row>
        // Mounted again once the categories arrive, so every branch starts unfolded.
        key={rows.length}
        data-testid="categories-table"
        size="small"
        rowKey="id"
        loading={categories.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { key: 'nameZh', title: t('issues.settings.categories.nameZh'), dataIndex: 'nameZh' },
          { key: 'nameBo', title: t('issues.settings.categories.nameBo'), dataIndex: 'nameBo' },
          { key: 'nameEn', title: t('issues.settings.categories.nameEn'), dataIndex: 'nameEn' },
          { key: 'code', title: t('issues.settings.categories.code'), render: (_, c) => <Typography.Text code>{c.code}</Typography.Text> },
          { key: 'size', title: t('issues.settings.categories.defaultSize'), render: (_, c) => <Tag>{t(`issues.size.${c.defaultSize}`)}</Tag> },
          {
            key: 'active',
            title: t('issues.settings.categories.active'),
            render: (_, c) => (
              <Switch
                size="small"
                checked={c.active}
                aria-label={t('issues.settings.categories.active')}
                onChange={(active) =>
                  patch.mutate({ id: c.id, patch: { active } }, { onError: (error) => void message.error(errorText(error)) })
                }
              />
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => (
              <Flex gap={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ category: c })}>
                  {t('common.edit')}
                </Button>
                <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ parentId: c.id })}>
                  {t('issues.settings.categories.addChild')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <CategoryModal key={JSON.stringify(editing)} editing={editing} onClose={() => setEditing(null)} all={categories.data ?? []} />
    </Flex>
  );
}
