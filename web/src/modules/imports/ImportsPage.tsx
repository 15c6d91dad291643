import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Progress, Result, Row, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { UnitTreeSelect } from '../../app/UnitTreeSelect';
import type { RejectedRow } from '../../app/types';
import { exportUrl, rejectionOf, reportUrl, TEMPLATE_URL, useImport } from './api';

const COMPOUND_ONLY = ['compound'] as const;

function ImportOutcome({ importer }: { importer: ReturnType<typeof useImport> }) {
  const { t } = useTranslation();
  if (importer.isSuccess) {
    return (
      <Result
        data-testid="import-result"
        status="success"
        title={t('imports.done')}
        subTitle={
          importer.data.updatedHouseholds
            ? `${t('imports.counts', { households: importer.data.households, residents: importer.data.residents })} ${t(
                'imports.updated',
                { n: importer.data.updatedHouseholds },
              )}`
            : t('imports.counts', { households: importer.data.households, residents: importer.data.residents })
        }
      />
    );
  }
  if (!importer.isError) return null;
  const rejection = rejectionOf(importer.error);
  if (!rejection) return <ErrorAlert error={importer.error} />;
  return (
    <Flex vertical gap={12} data-testid="import-rejected">
      <Alert
        type="error"
        showIcon
        title={t('imports.rejected', { n: rejection.rows.length, total: rejection.total ?? '?' })}
        description={t('imports.nothingImported')}
      />
      {rejection.reportId === null ? null : (
        <Button icon={<DownloadOutlined />} href={reportUrl(rejection.reportId)} data-testid="import-report">
          {t('imports.downloadReport')}
        </Button>
      )}
      <Table<RejectedRow>
        size="small"
        rowKey={(row) => `${row.row}:${row.reason}`}
        dataSource={rejection.rows}
        pagination={rejection.rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        columns={[
          { key: 'row', title: t('imports.row'), dataIndex: 'row', width: 80 },
          { key: 'reason', title: t('imports.reason'), dataIndex: 'reason' },
        ]}
      />
    </Flex>
  );
}

function ImportCard() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const importer = useImport();

  return (
    <Card title={t('imports.importTitle')} data-testid="import-card">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.importHelp')}
        </Typography.Paragraph>
        <UnitTreeSelect
          testId="import-unit"
          value={unitId}
          onChange={setUnitId}
          selectable={COMPOUND_ONLY}
          maxLevel="compound"
          placeholder={t('imports.pickCompound')}
        />
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} data-testid="import-template">
            {t('imports.template')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            disabled={!unitId || importer.isPending}
            beforeUpload={(file) => {
              if (unitId) importer.mutate({ unitId, file });
              // The file is sent by our own request (with the CSRF header and progress), not by Upload.
              return false;
            }}
          >
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!unitId}
              loading={importer.isPending}
              data-testid="import-upload"
            >
              {t('imports.upload')}
            </Button>
          </Upload>
        </Flex>
        {importer.isPending ? <Progress percent={importer.progress} data-testid="import-progress" /> : null}
        <ImportOutcome importer={importer} />
      </Flex>
    </Card>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  return (
    <Card title={t('imports.exportTitle')} data-testid="export-card">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.exportHelp')}
        </Typography.Paragraph>
        <UnitTreeSelect testId="export-unit" value={unitId} onChange={setUnitId} maxLevel="compound" />
        <Button
          icon={<ExportOutlined />}
          disabled={!unitId}
          href={unitId ? exportUrl(unitId) : undefined}
          data-testid="export-link"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('imports.export')}
        </Button>
      </Flex>
    </Card>
  );
}

/** 导入导出: the household register in and out as Excel, the way offices already keep it. */
export function ImportsPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('imports.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ImportCard />
        </Col>
        <Col xs={24} lg={10}>
          <ExportCard />
        </Col>
      </Row>
    </Flex>
  );
}
