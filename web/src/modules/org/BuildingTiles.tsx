import { useState } from 'react';
import { Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import { useCan } from '../../app/session';
import type { BuildingTile, Id } from '../../app/types';
import { TileOverdueMark, useIssuePlan } from '../issues';
import { useBuildings } from './api';
import { tileIntensity, tileTextColor } from './tileShade';

type ShadeBy = 'residents' | 'openIssues';

function Tile({ building, intensity, overdue = 0 }: { building: BuildingTile; intensity: number; overdue?: number }) {
  const { t } = useTranslation();
  const color = tileTextColor(intensity);
  return (
    <Link
      to={`/units/${encodeURIComponent(String(building.id))}`}
      data-testid="building-tile"
      aria-label={building.name}
      style={{
        aspectRatio: '1 / 1',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 12,
        borderRadius: 8,
        border: '1px solid rgba(200, 16, 46, 0.35)',
        background: `rgba(200, 16, 46, ${intensity})`,
        color,
        minWidth: 0,
      }}
    >
      <Typography.Text strong style={{ color, fontSize: 16 }}>
        {building.name}
      </Typography.Text>
      <TileOverdueMark count={overdue} />
      <Flex vertical gap={2} style={{ fontSize: 13 }}>
        <span>{t('org.tiles.households', { n: building.households })}</span>
        <span>{t('org.tiles.residents', { n: building.residents })}</span>
        {building.openIssues ? <span>{t('org.tiles.openIssues', { n: building.openIssues })}</span> : null}
        <span style={{ overflowWrap: 'anywhere' }}>
          {building.leader ? t('org.tiles.leader', { name: building.leader.name }) : t('org.tiles.noLeader')}
        </span>
      </Flex>
    </Link>
  );
}

/** The compound seen from above: one square per building, darker where more people live or more is open. */
export function BuildingTiles({ compoundId }: { compoundId: Id }) {
  const { t } = useTranslation();
  const [shadeBy, setShadeBy] = useState<ShadeBy>('residents');
  const buildings = useBuildings(compoundId);
  // The compound plan: open and overdue issues per building, for those who work the issues.
  const can = useCan();
  const plan = useIssuePlan(compoundId, can('issues.read'));
  const planFigures = new Map((plan.data?.buildings ?? []).map((b) => [String(b.buildingId), b]));
  if (buildings.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (buildings.isError) return <ErrorAlert error={buildings.error} onRetry={() => void buildings.refetch()} />;
  if (buildings.data.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.tiles.none')} />;
  }
  const tiles = buildings.data.map((building) => ({
    ...building,
    openIssues: planFigures.get(String(building.id))?.open ?? building.openIssues,
  }));
  const shade = (building: BuildingTile) => building[shadeBy] ?? 0;
  const max = Math.max(...tiles.map(shade));

  return (
    <Flex vertical gap={12}>
      <Segmented<ShadeBy>
        value={shadeBy}
        onChange={setShadeBy}
        options={[
          { value: 'residents', label: t('org.tiles.byResidents') },
          { value: 'openIssues', label: t('org.tiles.byOpenIssues') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <div
        data-testid="building-tiles"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 12 }}
      >
        {tiles.map((building) => (
          <Tile
            key={String(building.id)}
            building={building}
            intensity={tileIntensity(shade(building), max)}
            overdue={planFigures.get(String(building.id))?.overdue}
          />
        ))}
      </div>
    </Flex>
  );
}
