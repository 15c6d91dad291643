import { useState } from 'react';
import { Empty, Skeleton, Typography, theme } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import type { Household, Id } from '../../app/types';
import { HouseholdDrawer } from '../people';
import { useBuildingHouseholds } from './api';
import { buildHouseholdGrid } from './householdGrid';

function RoomCell({ household, onOpen }: { household: Household; onOpen: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const empty = household.residents === 0;
  return (
    <button
      type="button"
      data-testid="household-cell"
      onClick={onOpen}
      aria-label={household.label}
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        gap: 2,
        minWidth: 84,
        padding: '6px 8px',
        cursor: 'pointer',
        textAlign: 'start',
        font: 'inherit',
        borderRadius: token.borderRadius,
        border: `1px solid ${empty ? token.colorBorder : token.colorPrimaryBorder}`,
        background: empty ? token.colorBgContainer : token.colorPrimaryBg,
      }}
    >
      <Typography.Text strong>{household.room}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {household.area === null ? '—' : t('people.household.areaValue', { area: household.area })}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 12 }}>
        <UserOutlined /> {household.residents}
      </Typography.Text>
    </button>
  );
}

/** 户 by 单元 and floor, the way a building leader knows the building: top floor first. */
export function HouseholdGrid({ buildingId }: { buildingId: Id }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const households = useBuildingHouseholds(buildingId);
  const [openId, setOpenId] = useState<Id | null>(null);

  if (households.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (households.isError) return <ErrorAlert error={households.error} onRetry={() => void households.refetch()} />;
  if (households.data.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.households.none')} />;
  }
  const grid = buildHouseholdGrid(households.data);
  const headerStyle = { fontWeight: 600, padding: '4px 8px', color: token.colorTextSecondary };

  return (
    <>
      {/* The grid keeps its shape and scrolls sideways on a phone instead of squeezing rooms. */}
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <div
          data-testid="household-grid"
          role="table"
          aria-label={t('org.households.title')}
          style={{
            display: 'grid',
            gridTemplateColumns: `auto repeat(${grid.units.length}, max-content)`,
            gap: 8,
            width: 'max-content',
          }}
        >
          <div role="row" style={{ display: 'contents' }}>
            <div role="columnheader" style={headerStyle}>
              {t('org.households.floor')}
            </div>
            {grid.units.map((unit) => (
              <div role="columnheader" key={unit} style={headerStyle}>
                {t('org.households.unitNo', { unit })}
              </div>
            ))}
          </div>
          {grid.floors.map((floor) => (
            <div role="row" key={floor} style={{ display: 'contents' }}>
              <div role="rowheader" style={{ ...headerStyle, alignSelf: 'center' }}>
                {t('org.households.floorNo', { floor })}
              </div>
              {grid.units.map((unit) => (
                <div role="cell" key={unit} style={{ display: 'flex', gap: 6 }}>
                  {grid.rooms(unit, floor).map((household) => (
                    <RoomCell key={String(household.id)} household={household} onOpen={() => setOpenId(household.id)} />
                  ))}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
      <HouseholdDrawer householdId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
