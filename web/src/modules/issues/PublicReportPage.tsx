import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Radio, Result, Select, Skeleton, Switch, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import { useLanguage } from '../../i18n';
import { usePublicBuilding } from './api';
import { categoryName, categoryTree, type CategoryNode } from './categories';
import { useIssueErrorText } from './errorText';
import { newKey, type OutboxItem } from './offlineQueue';
import { PhotoPicker } from './PhotoPicker';
import { makeTitle } from './publicForm';
import { OutboxList, PublicFrame } from './PublicFrame';
import type { Category, Nature, PlaceKind, PublicBuilding, PublicReportBody } from './types';
import { saveLastBuilding, useOutbox, type SubmitOutcome } from './useOutbox';

interface Values {
  categoryId: number;
  body: string;
  nature: Nature;
  placeKind: PlaceKind;
  householdId?: number;
  placeNote?: string;
  photos?: string[];
  reporterName?: string;
  reporterPhone?: string;
  showName: boolean;
}

const RESIDENT_NATURES: readonly Nature[] = ['help', 'complaint', 'suggestion', 'consult'];

function CategoryTiles({ value, onChange, nodes }: { value?: number; onChange?: (id: number) => void; nodes: CategoryNode[] }) {
  const language = useLanguage();
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const parentOf = (id: number | undefined) =>
    nodes.find((n) => n.category.id === id || n.children.some((c) => c.category.id === id));
  const chosenTop = parentOf(value);
  const tile = (category: Category, chosen: boolean, small = false) => (
    <button
      key={category.id}
      type="button"
      data-testid="category-tile"
      aria-pressed={chosen}
      onClick={() => onChange?.(category.id)}
      style={{
        minHeight: small ? 44 : 64,
        padding: '8px 6px',
        borderRadius: 10,
        border: `2px solid ${chosen ? token.colorPrimary : token.colorBorder}`,
        background: chosen ? token.colorPrimaryBg : token.colorBgContainer,
        color: chosen ? token.colorPrimary : token.colorText,
        fontSize: small ? 15 : 17,
        fontWeight: chosen ? 600 : 400,
        font: 'inherit',
        cursor: 'pointer',
        overflowWrap: 'anywhere',
      }}
    >
      {categoryName(category, language)}
    </button>
  );
  return (
    <Flex vertical gap={8}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
        {nodes.map((n) => tile(n.category, chosenTop?.category.id === n.category.id))}
      </div>
      {chosenTop && chosenTop.children.length > 0 ? (
        <>
          <Typography.Text type="secondary">{t('issues.public.pickDetail')}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
            {chosenTop.children.map((c) => tile(c.category, c.category.id === value, true))}
          </div>
        </>
      ) : null}
    </Flex>
  );
}

interface ReportFormProps {
  token: string;
  data: PublicBuilding;
  submit: (item: OutboxItem) => Promise<SubmitOutcome>;
  onDone: (outcome: SubmitOutcome) => void;
}

function ReportForm({ token, data, submit, onDone }: ReportFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const placeKind = Form.useWatch('placeKind', form);
  const nodes = useMemo(() => categoryTree(data.categories.filter((c) => c.active)), [data.categories]);
  const rooms = useMemo(
    () =>
      [...data.rooms]
        .sort((a, b) => a.unitNo - b.unitNo || a.floor - b.floor || a.room.localeCompare(b.room))
        .map((r) => ({ value: r.id, label: t('issues.place.room', { unit: r.unitNo, room: r.room }) })),
    [data.rooms, t],
  );

  const send = async (values: Values) => {
    const category = data.categories.find((c) => c.id === values.categoryId);
    const body: PublicReportBody = {
      title: makeTitle(category?.nameZh ?? '', values.body),
      body: values.body.trim(),
      categoryId: values.categoryId,
      nature: values.nature,
      placeKind: values.placeKind,
      householdId: values.placeKind === 'room' ? (values.householdId ?? null) : null,
      placeNote: values.placeNote?.trim() || null,
      reporterName: values.reporterName?.trim() || null,
      reporterPhone: values.reporterPhone?.trim() || null,
      showName: values.showName,
      photos: values.photos ?? [],
    };
    setSending(true);
    const outcome = await submit({
      key: newKey(),
      buildingToken: token,
      buildingName: `${data.compound.name} ${data.building.name}`,
      body,
      queuedAt: new Date().toISOString(),
      error: null,
      photosDropped: false,
    });
    setSending(false);
    if (outcome.state === 'refused') {
      void message.error(errorText(outcome.error));
      return;
    }
    form.resetFields();
    onDone(outcome);
  };

  const big = { size: 'large' as const };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(values) => void send(values)}
      initialValues={{ nature: 'help', placeKind: rooms.length > 0 ? 'room' : 'building', showName: false }}
      data-testid="public-report-form"
      requiredMark={false}
    >
      <Form.Item
        name="categoryId"
        label={<strong>{t('issues.public.whatKind')}</strong>}
        rules={[{ required: true, message: t('issues.form.pickCategory') }]}
      >
        <CategoryTiles nodes={nodes} />
      </Form.Item>
      <Form.Item
        name="body"
        label={<strong>{t('issues.public.whatHappened')}</strong>}
        rules={[{ required: true, whitespace: true, message: t('issues.public.textRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('issues.public.textPlaceholder')} data-testid="public-text" style={{ fontSize: 16 }} />
      </Form.Item>
      <Form.Item name="nature" label={<strong>{t('issues.fields.nature')}</strong>}>
        <Radio.Group
          {...big}
          optionType="button"
          options={RESIDENT_NATURES.map((n) => ({ value: n, label: t(`issues.nature.${n}`) }))}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }}
        />
      </Form.Item>
      <Form.Item name="placeKind" label={<strong>{t('issues.public.where')}</strong>}>
        <Radio.Group
          {...big}
          optionType="button"
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }}
          options={(['room', 'building', 'common'] as const)
            .filter((k) => k !== 'room' || rooms.length > 0)
            .map((k) => ({ value: k, label: <span data-testid={`public-place-${k}`}>{t(`issues.public.place.${k}`)}</span> }))}
        />
      </Form.Item>
      {placeKind === 'room' ? (
        <Form.Item name="householdId" label={t('issues.fields.room')} rules={[{ required: true, message: t('issues.form.pickRoom') }]}>
          <Select
            {...big}
            data-testid="public-room"
            showSearch={{ optionFilterProp: 'label' }}
            options={rooms}
            placeholder={t('issues.form.pickRoom')}
          />
        </Form.Item>
      ) : (
        <Form.Item name="placeNote" label={t('issues.fields.placeNote')}>
          <Input {...big} maxLength={200} placeholder={t('issues.form.placeNoteHint')} data-testid="public-place-note" />
        </Form.Item>
      )}
      <Form.Item name="photos" label={<strong>{t('issues.fields.photos')}</strong>}>
        <PhotoPicker large />
      </Form.Item>
      <Card size="small" style={{ marginBottom: 16 }} title={t('issues.public.contactTitle')}>
        <Form.Item name="reporterName" label={t('issues.fields.reporterName')}>
          <Input {...big} maxLength={40} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="reporterPhone"
          label={t('issues.fields.reporterPhone')}
          rules={[{ pattern: /^[0-9+\- ]*$/, message: t('errors.fieldReason.phone') }]}
          extra={t('issues.public.phoneHint')}
        >
          <Input {...big} maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="showName"
          label={t('issues.fields.showName')}
          valuePropName="checked"
          extra={t('issues.form.showNameHint')}
          style={{ marginBottom: 0 }}
        >
          <Switch />
        </Form.Item>
      </Card>
      <Button type="primary" htmlType="submit" size="large" block loading={sending} data-testid="public-submit" style={{ height: 52, fontSize: 18 }}>
        {t('issues.public.submit')}
      </Button>
    </Form>
  );
}

/** The page behind a building's QR code: say what is wrong, where, with photos; no account needed. */
export function PublicReportPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const building = usePublicBuilding(token);
  const { outbox, flush, flushing, discard, submit } = useOutbox();
  const [done, setDone] = useState<SubmitOutcome | null>(null);
  const data = building.data;

  useEffect(() => {
    if (data) saveLastBuilding({ token, name: `${data.compound.name} ${data.building.name}` });
  }, [data, token]);

  let content;
  if (building.isPending) content = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (building.isError) content = <ErrorAlert error={building.error} onRetry={() => void building.refetch()} />;
  else if (done) {
    const queued = done.state === 'queued';
    content = (
      <Card data-testid="public-done" data-state={done.state}>
        <Result
          status={queued ? 'warning' : 'success'}
          title={queued ? t('issues.public.queuedTitle') : t('issues.public.sentTitle')}
          subTitle={
            queued
              ? t('issues.public.queuedText')
              : done.state === 'sent' && done.response.assigneeName
                ? t('issues.public.sentTo', { name: done.response.assigneeName })
                : t('issues.public.sentText')
          }
          extra={[
            <Link key="mine" to="/my-reports">
              <Button type="primary" size="large" data-testid="public-go-mine">
                {t('issues.public.myReports')}
              </Button>
            </Link>,
            <Button key="again" size="large" onClick={() => setDone(null)} data-testid="public-again">
              {t('issues.public.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  } else if (data) {
    content = <ReportForm token={token} data={data} submit={submit} onDone={setDone} />;
  }

  return (
    <PublicFrame>
      <Flex vertical gap={12} data-testid="public-report-page">
        {data ? (
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="public-building">
              {data.building.name}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="public-compound">
              {data.compound.name}
            </Typography.Text>
          </div>
        ) : null}
        <OutboxList items={outbox} flushing={flushing} onRetry={() => void flush()} onDiscard={discard} />
        {content}
      </Flex>
    </PublicFrame>
  );
}
