import { useState } from 'react';
import { Flex, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useCompoundBodies, useDepartments, useOrgUnit } from './api';
import { TARGET_KINDS, type Target, type TargetKind } from './types';

interface TargetPickerProps {
  value?: Target;
  onChange?: (value: Target | undefined) => void;
  /** The compound of the issue(s): its buildings, bodies and 四方议事 are offered first. */
  compoundId?: number | null;
}

const COMPOUND_KINDS: readonly TargetKind[] = ['building', 'body', 'meeting'];

function selected(value: Target | undefined, kind: TargetKind): number | undefined {
  if (!value || value.kind !== kind) return undefined;
  switch (value.kind) {
    case 'building':
    case 'meeting':
    case 'unit':
      return value.unitId;
    case 'body':
      return value.bodyId;
    case 'department':
      return value.departmentId;
  }
}

/**
 * Where a dispatcher sends an issue (派单 / 转派): a building of the compound (its leader), a compound body
 * (物业, 业委会, 党支部), the compound's 四方议事, the community or street, or a city department.
 */
export function TargetPicker({ value, onChange, compoundId = null }: TargetPickerProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TargetKind>(value?.kind ?? 'building');
  const [compound, setCompound] = useState<number | null>(
    value && value.kind === 'meeting' ? value.unitId : compoundId,
  );
  const needsCompound = COMPOUND_KINDS.includes(kind);
  const unit = useOrgUnit(needsCompound ? compound : null);
  const bodies = useCompoundBodies(kind === 'body' ? compound : null);
  const departments = useDepartments(kind === 'department');

  const pickKind = (next: TargetKind) => {
    setKind(next);
    onChange?.(next === 'meeting' && compound !== null ? { kind: 'meeting', unitId: compound } : undefined);
  };
  const pickCompound = (next: string | undefined) => {
    const id = next ? Number(next) : null;
    setCompound(id);
    onChange?.(kind === 'meeting' && id !== null ? { kind: 'meeting', unitId: id } : undefined);
  };
  const current = selected(value, kind);

  const buildings = (unit.data?.children ?? []).filter((child) => child.level === 'building');

  return (
    <Flex vertical gap={8} data-testid="target-picker">
      <Radio.Group
        value={kind}
        onChange={(event) => pickKind(event.target.value as TargetKind)}
        optionType="button"
        size="small"
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}
        options={TARGET_KINDS.map((k) => ({ value: k, label: <span data-testid={`target-kind-${k}`}>{t(`issues.target.${k}`)}</span> }))}
      />
      {needsCompound ? (
        <UnitTreeSelect
          testId="target-compound"
          value={compound === null ? undefined : String(compound)}
          onChange={pickCompound}
          selectable={['compound']}
          maxLevel="compound"
          placeholder={t('issues.target.pickCompound')}
        />
      ) : null}
      {kind === 'building' ? (
        <Select
          data-testid="target-building"
          value={current}
          onChange={(id: number) => onChange?.({ kind: 'building', unitId: id })}
          loading={unit.isFetching}
          disabled={compound === null}
          placeholder={t('issues.target.pickBuilding')}
          options={buildings.map((b) => ({ value: Number(b.id), label: b.name }))}
        />
      ) : null}
      {kind === 'body' ? (
        <Select
          data-testid="target-body"
          value={current}
          onChange={(id: number) => onChange?.({ kind: 'body', bodyId: id })}
          loading={bodies.isFetching}
          disabled={compound === null}
          placeholder={t('issues.target.pickBody')}
          options={(bodies.data ?? []).map((b) => ({
            value: b.id,
            label: `${t(`issues.bodyKind.${b.kind}`)} · ${b.name}`,
          }))}
        />
      ) : null}
      {kind === 'unit' ? (
        <UnitTreeSelect
          testId="target-unit"
          value={current === undefined ? undefined : String(current)}
          onChange={(id) => onChange?.(id ? { kind: 'unit', unitId: Number(id) } : undefined)}
          selectable={['community', 'street']}
          maxLevel="community"
          placeholder={t('issues.target.pickUnit')}
        />
      ) : null}
      {kind === 'department' ? (
        <Select
          data-testid="target-department"
          value={current}
          onChange={(id: number) => onChange?.({ kind: 'department', departmentId: id })}
          loading={departments.isFetching}
          placeholder={t('issues.target.pickDepartment')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : null}
    </Flex>
  );
}

/** A form rule: the picker holds a complete target. */
export const targetRequired = (message: string) => ({
  validator: (_: unknown, value: Target | undefined) => (value ? Promise.resolve() : Promise.reject(new Error(message))),
});
