import { useMemo, useState, type Key, type ReactNode } from 'react';
import { Empty, Skeleton, Tree } from 'antd';
import { ApartmentOutlined, BankOutlined, HomeOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './errors';
import { pathTo, useOrgTree } from './orgTree';
import type { Level, TreeNode } from './types';

const LEVEL_ICONS: Record<Level, ReactNode> = {
  street: <BankOutlined />,
  community: <ShopOutlined />,
  compound: <ApartmentOutlined />,
  building: <HomeOutlined />,
};

interface NavNode {
  key: string;
  title: string;
  icon: ReactNode;
  children: NavNode[];
}

function toNavNodes(nodes: TreeNode[]): NavNode[] {
  return nodes.map((node) => ({
    key: String(node.id),
    title: node.name,
    icon: LEVEL_ICONS[node.level],
    children: toNavNodes(node.children),
  }));
}

interface TreeNavProps {
  selectedId: string | null;
  onOpen: (id: string) => void;
}

/** The caller's part of the organisation tree; the branch holding the open unit is always unfolded. */
export function TreeNav({ selectedId, onOpen }: TreeNavProps) {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const nodes = useMemo(() => (tree.data ? toNavNodes(tree.data) : []), [tree.data]);
  // What the user unfolded, remembered together with the unit it was unfolded for: when another unit
  // opens, that unit's ancestors are added, so following a link never leaves the selection hidden.
  const [manual, setManual] = useState<{ forId: string | null; keys: Key[] }>({ forId: null, keys: [] });

  const expandedKeys = useMemo(() => {
    if (!tree.data) return [];
    const roots = tree.data.map((root) => String(root.id));
    const base = manual.keys.length > 0 || manual.forId !== null ? manual.keys : roots;
    if (manual.forId === selectedId || !selectedId) return base;
    const ancestors = pathTo(tree.data, selectedId).slice(0, -1);
    return [...new Set([...base, ...ancestors])];
  }, [tree.data, manual, selectedId]);

  if (tree.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (tree.isError) return <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  if (nodes.length === 0) return <Empty description={t('nav.noUnits')} />;

  return (
    <div data-testid="tree-nav">
      <Tree
        showIcon
        blockNode
        treeData={nodes}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setManual({ forId: selectedId, keys })}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_keys, info) => onOpen(info.node.key)}
      />
    </div>
  );
}
