import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { toSelectTree, useOrgTree } from './orgTree';
import { LEVELS, type Level } from './types';

interface UnitTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  selectable?: readonly Level[];
  maxLevel?: Level;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
}

/** A unit picker over the caller's part of the tree; usable directly or as an antd Form control. */
export function UnitTreeSelect({
  value,
  onChange,
  selectable = LEVELS,
  maxLevel = 'building',
  allowClear = false,
  placeholder,
  testId,
}: UnitTreeSelectProps) {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const treeData = useMemo(
    () => (tree.data ? toSelectTree(tree.data, selectable, maxLevel) : []),
    [tree.data, selectable, maxLevel],
  );
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width: '100%' }}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      treeData={treeData}
      loading={tree.isPending}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={treeData.map((node) => node.value)}
      placeholder={placeholder ?? t('common.pickUnit')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
    />
  );
}
