import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Spin,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import { EditOutlined, ExportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../app/cursorList';
import { ErrorAlert } from '../../app/errors';
import { ORDER_FILE_ACCEPT, replySheetUrl, useHotlineImport, useSources } from './api';
import { mappingProblemsOf, periodIsValid, rejectedOrdersOf } from './mapping';
import { SourceFormModal } from './SourceFormModal';
import { MAPPING_FIELDS, type HotlineImportResult, type HotlineSource, type RejectedOrder } from './types';
import { PageHeader } from '../../app/PageHeader';

const COUNTS: readonly (keyof HotlineImportResult)[] = ['imported', 'existing', 'duplicatesInFile', 'total'];

function ImportCounts({ result }: { result: HotlineImportResult }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="hotline-import-result">
      <Alert
        type="success"
        showIcon
        title={result.imported > 0 ? t('hotline.import.done', { n: result.imported }) : t('hotline.import.nothingNew')}
      />
      <Row gutter={[12, 12]}>
        {COUNTS.map((key) => (
          <Col xs={12} sm={6} key={key}>
            <Card size="small">
              <Statistic title={t(`hotline.import.counts.${key}`)} value={result[key]} data-testid={`hotline-count-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

function RejectedOrders({ rows }: { rows: RejectedOrder[] }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="hotline-import-rejected">
      <Alert
        type="error"
        showIcon
        title={t('hotline.import.rejected', { n: rows.length })}
        description={t('hotline.import.nothingImported')}
      />
      <Table<RejectedOrder>
        size="small"
        rowKey={(row) => String(row.row)}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        columns={[
          { key: 'row', title: t('hotline.import.row'), dataIndex: 'row', width: 72 },
          {
            key: 'reasons',
            title: t('hotline.import.reasons'),
            render: (_, row) => <span style={{ overflowWrap: 'anywhere' }}>{row.reasons.join('；')}</span>,
          },
        ]}
      />
    </Flex>
  );
}

function ImportOutcome({ importer, source }: { importer: ReturnType<typeof useHotlineImport>; source: HotlineSource }) {
  const { t } = useTranslation();
  if (importer.isSuccess) return <ImportCounts result={importer.data} />;
  if (!importer.isError) return null;
  const rejected = rejectedOrdersOf(importer.error);
  if (rejected) return <RejectedOrders rows={rejected} />;
  const missing = mappingProblemsOf(importer.error);
  if (missing.length > 0) {
    // The file does not have a column the source maps: most likely another export or a changed one.
    return (
      <Alert
        type="error"
        showIcon
        data-testid="hotline-import-columns"
        title={t('hotline.import.columnsMissing')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {missing.map((field) => (
              <li key={field}>
                {source.mapping[field]
                  ? t('hotline.import.columnMissing', { field: t(`hotline.fields.${field}`), header: source.mapping[field] })
                  : t('hotline.import.columnUnmapped', { field: t(`hotline.fields.${field}`) })}
              </li>
            ))}
          </ul>
        }
      />
    );
  }
  return <ErrorAlert error={importer.error} />;
}

function ImportCard({ source }: { source: HotlineSource }) {
  const { t } = useTranslation();
  const importer = useHotlineImport();
  return (
    <Card title={t('hotline.import.title')} data-testid="hotline-import-card">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('hotline.import.help')}
        </Typography.Paragraph>
        <Upload
          accept={ORDER_FILE_ACCEPT}
          showUploadList={false}
          disabled={importer.isPending}
          beforeUpload={(file) => {
            importer.mutate({ sourceId: source.id, file });
            // Our own request sends the file (with the CSRF header and progress), not Upload's.
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={importer.isPending} data-testid="hotline-import-upload">
            {t('hotline.import.upload')}
          </Button>
        </Upload>
        {importer.isPending ? <Progress percent={importer.progress} data-testid="hotline-import-progress" /> : null}
        <ImportOutcome importer={importer} source={source} />
      </Flex>
    </Card>
  );
}

function ExportCard({ source }: { source: HotlineSource }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const valid = periodIsValid(from, to);
  return (
    <Card title={t('hotline.export.title')} data-testid="hotline-export-card">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('hotline.export.help')}
        </Typography.Paragraph>
        {/* Native date inputs: they fit a 360 px screen, unlike a two-month range picker. */}
        <Row gutter={12}>
          <Col xs={12}>
            <Typography.Text type="secondary">{t('hotline.export.from')}</Typography.Text>
            <Input type="date" max="9999-12-31" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="hotline-export-from" />
          </Col>
          <Col xs={12}>
            <Typography.Text type="secondary">{t('hotline.export.to')}</Typography.Text>
            <Input type="date" max="9999-12-31" value={to} onChange={(e) => setTo(e.target.value)} data-testid="hotline-export-to" />
          </Col>
        </Row>
        {valid ? null : <Alert type="warning" showIcon title={t('hotline.export.badPeriod')} />}
        <Button
          icon={<ExportOutlined />}
          disabled={!valid}
          href={valid ? replySheetUrl(source.id, from, to) : undefined}
          data-testid="hotline-export-link"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('hotline.export.download')}
        </Button>
      </Flex>
    </Card>
  );
}

function MappingSummary({ source, onEdit }: { source: HotlineSource; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('hotline.source.mappingTitle')}
      extra={
        <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="hotline-source-edit">
          {t('common.edit')}
        </Button>
      }
      data-testid="hotline-mapping"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={MAPPING_FIELDS.map((field) => ({
          key: field,
          label: t(`hotline.fields.${field}`),
          children: source.mapping[field] ? (
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{source.mapping[field]}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('hotline.source.notMapped')}</Typography.Text>
          ),
        }))}
      />
    </Card>
  );
}

/** 12345 热线工单: the city hotline's work orders in, as routed issues, and the replies back out. */
export function HotlinePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sources = useSources();
  const [editing, setEditing] = useState<HotlineSource | 'new' | null>(null);
  const wanted = params.get('source');
  // Without a choice in the address the first source is shown: most communities have just one.
  const source = sources.items.find((s) => String(s.id) === wanted) ?? (wanted ? undefined : sources.items[0]);

  const pick = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('source', id);
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={16} data-testid="hotline-page">
      <PageHeader
        title={t('hotline.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="hotline-source-create">
            {t('hotline.source.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('hotline.intro')}
      </Typography.Paragraph>
      {sources.isError ? (
        <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />
      ) : sources.isPending ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : sources.items.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.source.none')} data-testid="hotline-no-sources" />
        </Card>
      ) : (
        <>
          <Card size="small">
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('hotline.source.pick')}</Typography.Text>
              <Select
                data-testid="hotline-source-select"
                style={{ width: '100%' }}
                value={source ? String(source.id) : undefined}
                onChange={pick}
                placeholder={t('hotline.source.pick')}
                showSearch={{ optionFilterProp: 'label' }}
                options={sources.items.map((s) => ({ value: String(s.id), label: `${s.name}（${s.unitName}）` }))}
              />
              {sources.hasNextPage ? (
                <LoadMore
                  shown={sources.items.length}
                  hasMore={sources.hasNextPage}
                  loading={sources.isFetchingNextPage}
                  onMore={() => void sources.fetchNextPage()}
                />
              ) : null}
            </Flex>
          </Card>
          {source ? (
            <>
              <MappingSummary source={source} onEdit={() => setEditing(source)} />
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={14}>
                  {/* Keyed by source: the outcome of one source's import is not shown under another. */}
                  <ImportCard key={String(source.id)} source={source} />
                </Col>
                <Col xs={24} lg={10}>
                  <ExportCard key={String(source.id)} source={source} />
                </Col>
              </Row>
            </>
          ) : (
            <Alert type="warning" showIcon title={t('hotline.source.gone')} />
          )}
        </>
      )}
      <SourceFormModal
        open={editing !== null}
        source={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => pick(String(saved.id))}
      />
    </Flex>
  );
}
