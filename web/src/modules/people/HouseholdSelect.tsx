import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../app/api';
import type { Household, Page } from '../../app/types';

interface HouseholdSelectProps {
  value?: string;
  onChange?: (value: string) => void;
}

/** Finds a household by label (e.g. "3号楼 2-301") on the server; the list may be far too long to load. */
export function HouseholdSelect({ value, onChange }: HouseholdSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const households = useQuery({
    queryKey: ['people', 'household-search', search],
    queryFn: () => apiGet<Page<Household>>('/org/households', { q: search, limit: 20 }),
    select: (page) => page.items,
  });
  return (
    <Select
      data-testid="household-select"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={households.isFetching}
      placeholder={t('people.household.searchPlaceholder')}
      notFoundContent={t('common.noData')}
      options={(households.data ?? []).map((household) => ({
        value: String(household.id),
        label: `${household.compoundName} ${household.label}`,
      }))}
    />
  );
}
