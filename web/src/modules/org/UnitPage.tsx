import type { ReactNode } from 'react';
import { Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import { useCan } from '../../app/session';
import type { Unit } from '../../app/types';
import { IssuesPanel } from '../issues';
import { useUnit } from './api';
import { BuildingLeader } from './BuildingLeader';
import { BuildingTiles } from './BuildingTiles';
import { ChildUnits } from './ChildUnits';
import { GridsAndGroups } from './GridsAndGroups';
import { HouseholdGrid } from './HouseholdGrid';
import { PlatformCards } from './PlatformCards';
import { StatsCharts } from './StatsCharts';
import { SummaryCards } from './SummaryCards';
import { UnitBreadcrumb } from './UnitBreadcrumb';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function AreaView({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <SummaryCards unitId={unit.id} />
      {can('issues.read') ? (
        <Section title={t('issues.stats.title')} testId="issues-section">
          <IssuesPanel unitId={unit.id} />
        </Section>
      ) : null}
      <StatsCharts unitId={unit.id} />
      <Section title={t('org.children', { level: t(`domain.levels.${unit.level === 'street' ? 'community' : 'compound'}`) })}>
        <ChildUnits unit={unit} />
      </Section>
    </>
  );
}

function CompoundView({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <Section title={t('org.platform.title')} testId="platform">
        <PlatformCards unitId={unit.id} actions={unit.actions} />
      </Section>
      <SummaryCards unitId={unit.id} />
      <Section title={t('org.tiles.title')}>
        <BuildingTiles compoundId={unit.id} />
      </Section>
      {can('issues.read') ? (
        <Section title={t('issues.stats.title')} testId="issues-section">
          <IssuesPanel unitId={unit.id} compound />
        </Section>
      ) : null}
      <GridsAndGroups unitId={unit.id} />
    </>
  );
}

function BuildingView({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  return (
    <>
      <SummaryCards unitId={unit.id} keys={['households', 'residents', 'partyMembers', 'centralHouseholds']} />
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{t('org.buildingLeader')}</Typography.Text>
          <BuildingLeader building={unit} />
        </Flex>
      </Card>
      <Section title={t('org.households.title')}>
        <HouseholdGrid buildingId={unit.id} />
      </Section>
    </>
  );
}

function LevelView({ unit }: { unit: Unit }) {
  switch (unit.level) {
    case 'street':
    case 'community':
      return <AreaView unit={unit} />;
    case 'compound':
      return <CompoundView unit={unit} />;
    case 'building':
      return <BuildingView unit={unit} />;
  }
}

/** One page per node of the tree; what it shows depends on the level. */
export function UnitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const unit = useUnit(id);

  if (unit.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (unit.isError) return <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />;

  return (
    <Flex vertical gap={16} data-testid="unit-page" data-level={unit.data.level}>
      <div>
        <UnitBreadcrumb unit={unit.data} />
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-name">
            {unit.data.name}
          </Typography.Title>
          <Tag color="red">{t(`domain.levels.${unit.data.level}`)}</Tag>
        </Flex>
      </div>
      {/* key: a different unit starts with fresh local state (open drawers, tile shading). */}
      <LevelView key={String(unit.data.id)} unit={unit.data} />
    </Flex>
  );
}
