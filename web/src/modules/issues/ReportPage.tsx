import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Radio, Select, Switch, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { showFieldIssues } from '../../app/formErrors';
import { findNode, useOrgTree } from '../../app/orgTree';
import { useMe } from '../../app/session';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import { useLanguage } from '../../i18n';
import { useBuildingRooms, useCategories, useReportIssue } from './api';
import { activeTree, categoryOptions, categoryTree } from './categories';
import { useIssueErrorText } from './errorText';
import { newKey } from './offlineQueue';
import { PhotoPicker } from './PhotoPicker';
import { NATURES, STAFF_SOURCES, type Nature, type PlaceKind, type ReportBody, type Source } from './types';

interface Values {
  categoryId: number;
  title: string;
  body: string;
  nature: Nature;
  unitId: string;
  placeKind: PlaceKind;
  householdId?: number;
  placeNote?: string;
  source?: Source;
  reporterName?: string;
  reporterPhone?: string;
  showName: boolean;
  photos?: string[];
}

const FIELDS = ['categoryId', 'title', 'body', 'nature', 'unitId', 'placeKind', 'householdId', 'placeNote', 'source', 'reporterName', 'reporterPhone', 'photos'];

/** Staff write down what they heard (station, door-knock, meeting, round); a signed-in resident reports directly. */
export function ReportPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const [form] = Form.useForm<Values>();
  const report = useReportIssue();
  const categories = useCategories();
  const orgTree = useOrgTree();
  // One key per report: a retry after a lost answer must not create the issue twice.
  const [key, setKey] = useState(newKey);

  const residentOnly = me.roles.length > 0 && me.roles.every((r) => r.role === 'resident');
  const home = me.roles.find((r) => r.role === 'resident' && (r.unitLevel === 'building' || r.unitLevel === 'compound'));
  // Residents cannot list a building's rooms: they name the place in words (or use the building's QR page).
  const placeKinds: readonly PlaceKind[] = residentOnly ? ['building', 'common'] : ['room', 'building', 'common'];
  const defaultSource: Source = me.roles.some((r) => r.role === 'building_leader')
    ? 'building_leader'
    : me.roles.some((r) => r.role === 'grid_worker')
      ? 'grid_worker'
      : 'station_visit';

  const unitId = Form.useWatch('unitId', form);
  const placeKind = Form.useWatch('placeKind', form);
  const categoryId = Form.useWatch('categoryId', form);
  const unitLevel = unitId && orgTree.data ? findNode(orgTree.data, unitId)?.level : undefined;
  const isBuilding = unitLevel === 'building';
  const rooms = useBuildingRooms(isBuilding && placeKind === 'room' ? unitId : null);
  const tree = useMemo(() => categoryOptions(activeTree(categoryTree(categories.data ?? [])), language), [categories.data, language]);
  const category = categories.data?.find((c) => c.id === categoryId);

  const submit = (values: Values) => {
    const body: ReportBody = {
      title: values.title.trim(),
      body: values.body.trim(),
      categoryId: values.categoryId,
      nature: values.nature,
      unitId: Number(values.unitId),
      placeKind: isBuilding ? values.placeKind : 'common',
      householdId: isBuilding && values.placeKind === 'room' ? (values.householdId ?? null) : null,
      placeNote: values.placeNote?.trim() || null,
      reporterName: values.reporterName?.trim() || null,
      reporterPhone: values.reporterPhone?.trim() || null,
      showName: values.showName,
      photos: values.photos ?? [],
      ...(residentOnly ? {} : { source: values.source }),
    };
    report.mutate(
      { body, key },
      {
        onSuccess: (result) => {
          void message.success(
            result.assigneeName ? t('issues.report.sentTo', { name: result.assigneeName }) : t('issues.report.sent'),
          );
          void navigate(`/issues/${result.id}`);
        },
        onError: (error) => {
          // The server answered and created nothing: a corrected report is a new one.
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) setKey(newKey());
          if (!showFieldIssues(form, error, FIELDS, t)) void message.error(errorText(error));
        },
      },
    );
  };

  const required = { required: true, whitespace: true, message: t('issues.form.required') };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }} data-testid="report-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('issues.report.title')}
      </Typography.Title>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            nature: 'help',
            placeKind: placeKinds[0],
            showName: false,
            source: defaultSource,
            unitId: home ? String(home.unitId) : undefined,
          }}
          data-testid="report-form"
        >
          <Form.Item
            name="categoryId"
            label={t('issues.fields.category')}
            rules={[{ required: true, message: t('issues.form.pickCategory') }]}
            extra={category ? t('issues.report.sizeHint', { size: t(`issues.size.${category.defaultSize}`) }) : undefined}
          >
            <TreeSelect
              data-testid="report-category"
              treeData={tree}
              treeDefaultExpandAll
              loading={categories.isPending}
              showSearch={{ treeNodeFilterProp: 'title' }}
              popupMatchSelectWidth={false}
              styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
            />
          </Form.Item>
          <Form.Item name="title" label={t('issues.fields.title')} rules={[required]}>
            <Input maxLength={80} showCount data-testid="report-title" />
          </Form.Item>
          <Form.Item name="body" label={t('issues.fields.body')} rules={[required]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="report-body" />
          </Form.Item>
          <Form.Item name="nature" label={t('issues.fields.nature')}>
            <Radio.Group
              optionType="button"
              options={NATURES.map((n) => ({ value: n, label: t(`issues.nature.${n}`) }))}
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t('issues.fields.unit')} rules={[{ required: true, message: t('issues.form.pickPlace') }]}>
            <UnitTreeSelect testId="report-unit" selectable={['compound', 'building']} placeholder={t('issues.form.pickPlace')} />
          </Form.Item>
          {isBuilding ? (
            <Form.Item name="placeKind" label={t('issues.fields.placeKind')}>
              <Radio.Group
                optionType="button"
                options={placeKinds.map((k) => ({
                  value: k,
                  label: <span data-testid={`report-place-${k}`}>{t(`issues.placeKind.${k}`)}</span>,
                }))}
                style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}
              />
            </Form.Item>
          ) : unitId ? (
            <Typography.Paragraph type="secondary">{t('issues.form.compoundCommon')}</Typography.Paragraph>
          ) : null}
          {isBuilding && placeKind === 'room' ? (
            <Form.Item name="householdId" label={t('issues.fields.room')} rules={[{ required: true, message: t('issues.form.pickRoom') }]}>
              <Select
                data-testid="report-room"
                loading={rooms.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(rooms.data ?? []).map((h) => ({ value: h.id, label: h.label }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="placeNote" label={t('issues.fields.placeNote')}>
            <Input maxLength={200} placeholder={t('issues.form.placeNoteHint')} />
          </Form.Item>
          {residentOnly ? null : (
            <Form.Item name="source" label={t('issues.fields.source')} rules={[{ required: true, message: t('issues.form.required') }]}>
              <Select data-testid="report-source" options={STAFF_SOURCES.map((s) => ({ value: s, label: t(`issues.source.${s}`) }))} />
            </Form.Item>
          )}
          <Flex gap={12} wrap>
            <Form.Item name="reporterName" label={t('issues.fields.reporterName')} style={{ flex: '1 1 200px' }}>
              <Input maxLength={40} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="reporterPhone"
              label={t('issues.fields.reporterPhone')}
              style={{ flex: '1 1 200px' }}
              rules={[{ pattern: /^[0-9+\- ]*$/, message: t('errors.fieldReason.phone') }]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
          </Flex>
          <Form.Item name="showName" label={t('issues.fields.showName')} valuePropName="checked" extra={t('issues.form.showNameHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="photos" label={t('issues.fields.photos')}>
            <PhotoPicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="report-submit" block>
            {t('issues.report.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
