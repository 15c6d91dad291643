import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../app/types';

/** The building's 红色楼栋长, as the unit itself reports it. */
export function BuildingLeader({ building }: { building: Unit }) {
  const { t } = useTranslation();
  const leader = building.leader;
  return (
    <Typography.Text data-testid="building-leader" strong={leader !== null} type={leader ? undefined : 'secondary'}>
      {leader ? leader.name : t('org.tiles.noLeader')}
    </Typography.Text>
  );
}
