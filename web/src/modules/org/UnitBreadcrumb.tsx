import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import type { Unit } from '../../app/types';

export function UnitBreadcrumb({ unit }: { unit: Unit }) {
  const items = [
    ...unit.ancestors.map((ancestor) => ({
      key: String(ancestor.id),
      title: <Link to={`/units/${encodeURIComponent(String(ancestor.id))}`}>{ancestor.name}</Link>,
    })),
    { key: String(unit.id), title: unit.name },
  ];
  return <Breadcrumb data-testid="unit-breadcrumb" items={items} style={{ marginBottom: 8 }} />;
}
