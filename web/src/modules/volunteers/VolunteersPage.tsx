import { useState } from 'react';
import { Button, Card, Flex, List, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import { useCan } from '../../app/session';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useVolunteers } from './api';
import { EndServiceModal } from './EndServiceModal';
import { isVolunteerStatus, isVolunteerTeam, VOLUNTEER_STATUSES, VOLUNTEER_TEAMS, type Volunteer, type VolunteerStatus } from './types';
import { VolunteerFormModal } from './VolunteerFormModal';
import { PageHeader } from '../../app/PageHeader';

/** The team's name in the reader's language; a team the web does not know yet shows its code. */
function TeamTag({ team }: { team: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={team === 'mediation' ? 'volcano' : 'blue'} data-testid="volunteer-team-tag" style={{ marginInlineEnd: 0 }}>
      {t(`volunteers.teams.${team}`, { defaultValue: team })}
    </Tag>
  );
}

function ResidentTag({ v }: { v: Volunteer }) {
  const { t } = useTranslation();
  return v.residentId !== null ? (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('volunteers.list.resident')}
    </Tag>
  ) : null;
}

function EndedTag({ v }: { v: Volunteer }) {
  const { t } = useTranslation();
  return v.endedOn !== null ? (
    <Tag data-testid="volunteer-ended-tag" style={{ marginInlineEnd: 0 }}>
      {t('volunteers.list.ended')}
    </Tag>
  ) : null;
}

/** When and why the service ended, for a volunteer whose service has. */
function EndedLine({ v }: { v: Volunteer }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (v.endedOn === null) return null;
  const when = t('volunteers.list.endedOn', { date: formatDate(v.endedOn, language) });
  return (
    <Typography.Text type="secondary" data-testid="volunteer-ended" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
      {v.endReason ? `${when} · ${v.endReason}` : when}
    </Typography.Text>
  );
}

interface Handlers {
  onEdit: (v: Volunteer) => void;
  onEnd: (v: Volunteer) => void;
}

/** The buttons the server offers for this volunteer (none once the service has ended, or without the right). */
function VolunteerActions({ v, onEdit, onEnd }: { v: Volunteer } & Handlers) {
  const { t } = useTranslation();
  if (v.actions.length === 0) return null;
  return (
    <Flex gap={4} wrap>
      {v.actions.includes('update') ? (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(v)} data-testid="volunteer-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {v.actions.includes('end') ? (
        <Button size="small" icon={<LogoutOutlined />} onClick={() => onEnd(v)} data-testid="volunteer-end">
          {t('volunteers.end.action')}
        </Button>
      ) : null}
    </Flex>
  );
}

interface ListProps extends Handlers {
  items: Volunteer[];
  loading: boolean;
  /** Whether the caller may write anywhere, so that the actions have a place. */
  writable: boolean;
  /** Whether ended volunteers may be among the items, so that their end has a place. */
  showEnded: boolean;
}

/** On a phone each volunteer is a card: name and team, where they serve, their skills, what may be done. */
function VolunteerCards({ items, loading, onEdit, onEnd }: ListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <List
      loading={loading}
      dataSource={items}
      rowKey={(v) => String(v.id)}
      locale={{ emptyText: t('volunteers.list.none') }}
      renderItem={(v) => (
        <List.Item data-testid="volunteer-row" style={{ display: 'block' }}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" justify="space-between" wrap>
              <Typography.Text strong ellipsis style={{ minWidth: 0 }} type={v.endedOn !== null ? 'secondary' : undefined}>
                {v.name}
              </Typography.Text>
              <Flex gap={4} wrap>
                <EndedTag v={v} />
                <ResidentTag v={v} />
                <TeamTag team={v.team} />
              </Flex>
            </Flex>
            {v.note ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0, overflowWrap: 'anywhere' }}>
                {v.note}
              </Typography.Paragraph>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.unitName} · {t('volunteers.list.since', { date: formatDate(v.createdAt, language) })}
            </Typography.Text>
            <EndedLine v={v} />
            <VolunteerActions v={v} onEdit={onEdit} onEnd={onEnd} />
          </Flex>
        </List.Item>
      )}
    />
  );
}

function VolunteerTable({ items, loading, writable, showEnded, onEdit, onEnd }: ListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<Volunteer>
      data-testid="volunteers-table"
      size="small"
      rowKey={(v) => String(v.id)}
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('volunteers.list.none') }}
      onRow={() => {
        const attributes: Record<string, unknown> = { 'data-testid': 'volunteer-row' };
        return attributes;
      }}
      columns={[
        {
          key: 'name',
          title: t('volunteers.fields.name'),
          render: (_, v) => (
            <Flex gap={6} align="center">
              <span>{v.name}</span>
              <EndedTag v={v} />
              <ResidentTag v={v} />
            </Flex>
          ),
        },
        { key: 'team', title: t('volunteers.fields.team'), render: (_, v) => <TeamTag team={v.team} /> },
        { key: 'unit', title: t('volunteers.fields.unit'), render: (_, v) => v.unitName },
        {
          key: 'note',
          title: t('volunteers.fields.note'),
          render: (_, v) => <span style={{ display: 'inline-block', maxWidth: 360, whiteSpace: 'normal' }}>{v.note ?? '—'}</span>,
        },
        { key: 'createdAt', title: t('volunteers.fields.createdAt'), render: (_, v) => formatDate(v.createdAt, language) },
        ...(showEnded
          ? [
              {
                key: 'endedOn',
                title: t('volunteers.fields.endedOn'),
                render: (_: unknown, v: Volunteer) =>
                  v.endedOn === null ? (
                    '—'
                  ) : (
                    <Flex vertical style={{ maxWidth: 240, whiteSpace: 'normal' }} data-testid="volunteer-ended">
                      <span>{formatDate(v.endedOn, language)}</span>
                      {v.endReason ? <Typography.Text type="secondary">{v.endReason}</Typography.Text> : null}
                    </Flex>
                  ),
              },
            ]
          : []),
        ...(writable
          ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, v: Volunteer) => <VolunteerActions v={v} onEdit={onEdit} onEnd={onEnd} /> }]
          : []),
      ]}
    />
  );
}

/**
 * 志愿者: the volunteer teams of the caller's part of the tree, filtered by unit, team and whether they still
 * serve; 登记志愿者, changing a volunteer and ending their service.
 */
export function VolunteersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const teamParam = params.get('team');
  const team = isVolunteerTeam(teamParam) ? teamParam : undefined;
  const statusParam = params.get('status');
  const status: VolunteerStatus = isVolunteerStatus(statusParam) ? statusParam : 'active';
  // The server lists those serving unless asked otherwise; the default stays out of the address.
  const volunteers = useVolunteers({ unitId, team, status: status === 'active' ? undefined : status });
  const [registering, setRegistering] = useState(false);
  // The volunteer a dialog is about stays set while the dialog closes, so its content does not change meanwhile.
  const [target, setTarget] = useState<Volunteer | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'end' | null>(null);
  const open = (kind: 'edit' | 'end') => (v: Volunteer) => {
    setTarget(v);
    setDialog(kind);
  };

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const listProps: ListProps = {
    items: volunteers.items,
    loading: volunteers.isPending,
    writable: can('volunteers.write'),
    showEnded: status !== 'active',
    onEdit: open('edit'),
    onEnd: open('end'),
  };

  return (
    <Flex vertical gap={16} data-testid="volunteers-page">
      <PageHeader
        title={t('volunteers.title')}
        subtitle={t('volunteers.subtitle')}
        extra={
          can('volunteers.write') ? (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="new-volunteer">
              {t('volunteers.form.title')}
            </Button>
          ) : null
        }
      />
      <Card size="small">
        <Flex gap={8} wrap>
          <div style={{ flex: '2 1 220px', minWidth: 0 }}>
            <UnitTreeSelect testId="volunteers-unit" value={unitId} onChange={(value) => update({ unitId: value })} allowClear placeholder={t('volunteers.list.allUnits')} />
          </div>
          <Select
            data-testid="volunteers-team"
            style={{ flex: '1 1 140px', minWidth: 0 }}
            allowClear
            placeholder={t('volunteers.list.allTeams')}
            value={team}
            onChange={(value: string | undefined) => update({ team: value })}
            options={VOLUNTEER_TEAMS.map((code) => ({ value: code, label: t(`volunteers.teams.${code}`) }))}
          />
          <Select
            data-testid="volunteers-status"
            style={{ flex: '1 1 140px', minWidth: 0 }}
            value={status}
            onChange={(value: VolunteerStatus) => update({ status: value === 'active' ? undefined : value })}
            options={VOLUNTEER_STATUSES.map((code) => ({ value: code, label: t(`volunteers.statuses.${code}`) }))}
          />
        </Flex>
      </Card>
      {volunteers.isError ? (
        <ErrorAlert error={volunteers.error} onRetry={() => void volunteers.refetch()} />
      ) : (
        <>
          {mobile ? <VolunteerCards {...listProps} /> : <VolunteerTable {...listProps} />}
          <LoadMore
            shown={volunteers.items.length}
            hasMore={volunteers.hasNextPage}
            loading={volunteers.isFetchingNextPage}
            onMore={() => void volunteers.fetchNextPage()}
          />
        </>
      )}
      <VolunteerFormModal open={registering} volunteer={null} unitId={unitId} team={team} onClose={() => setRegistering(false)} />
      <VolunteerFormModal open={dialog === 'edit'} volunteer={target} onClose={() => setDialog(null)} />
      <EndServiceModal open={dialog === 'end'} volunteer={target} onClose={() => setDialog(null)} />
    </Flex>
  );
}
