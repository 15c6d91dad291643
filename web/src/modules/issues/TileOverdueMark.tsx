import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The red mark on a building tile of the compound plan: how many of its open issues are overdue. */
export function TileOverdueMark({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <Tag color="red" variant="solid" data-testid="tile-overdue" style={{ alignSelf: 'flex-start', marginInlineEnd: 0 }}>
      {t('issues.overdue')} {count}
    </Tag>
  );
}
