import { Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../app/types';
import { useBuildings } from './api';

/**
 * The building's 红色楼栋长. The contract has no leader on the building itself, so it is read from the
 * compound's building list, which a user holding a role only at the building cannot read.
 */
export function BuildingLeader({ building }: { building: Unit }) {
  const { t } = useTranslation();
  const buildings = useBuildings(building.parentId);
  if (buildings.isPending && building.parentId !== null) return <Skeleton active paragraph={false} />;
  // Not allowed to see the compound (e.g. a building leader): unknown here, which is not "not appointed".
  if (buildings.isError) return <Typography.Text type="secondary">—</Typography.Text>;
  const leader = buildings.data?.find((b) => String(b.id) === String(building.id))?.leader ?? null;
  return (
    <Typography.Text data-testid="building-leader" strong={leader !== null} type={leader ? undefined : 'secondary'}>
      {leader ? leader.name : t('org.tiles.noLeader')}
    </Typography.Text>
  );
}
