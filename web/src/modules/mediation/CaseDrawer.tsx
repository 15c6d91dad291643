import { useState, type ReactNode } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, List, Skeleton, Tag, Timeline, Typography } from 'antd';
import { CalendarOutlined, CheckCircleOutlined, CloseCircleOutlined, FilePdfOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors';
import { useIsMobile } from '../../app/media';
import type { Id } from '../../app/types';
import { useLanguage } from '../../i18n';
import { formatDate, formatDateTime } from '../../i18n/format';
import { agreementPdfUrl, useCase } from './api';
import { StatusTag } from './StatusTag';
import { AgreementModal, FailureModal, SessionModal, VisitModal, type StepName } from './StepForms';
import type { CaseDetail, Party } from './types';

const STEP_ICONS: Record<StepName, ReactNode> = {
  addSession: <CalendarOutlined />,
  recordAgreement: <CheckCircleOutlined />,
  recordFailure: <CloseCircleOutlined />,
  recordVisit: <PhoneOutlined />,
};
const STEPS = Object.keys(STEP_ICONS) as StepName[];

/** Keeps the line breaks the mediator typed (terms are often numbered lines). */
function Text({ children, testId }: { children: string; testId?: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
      {children}
    </Typography.Paragraph>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}

function PartyLine({ party }: { party: Party }) {
  const { t } = useTranslation();
  const details = [party.gender ? t(`domain.genders.${party.gender}`) : null, party.ethnicity, party.address].filter(Boolean).join(' · ');
  return (
    <List.Item data-testid="case-party">
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Tag color={party.role === 'applicant' ? 'blue' : 'orange'}>{t(`mediation.roles.${party.role}`)}</Tag>
            <span>{party.name}</span>
          </Flex>
        }
        description={details || null}
      />
    </List.Item>
  );
}

function CaseBody({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [step, setStep] = useState<StepName | null>(null);
  const steps = STEPS.filter((name) => detail.actions.includes(name));
  const mayDownload = detail.actions.includes('downloadAgreement');
  const close = () => setStep(null);

  return (
    <Flex vertical gap={20}>
      <Flex gap={8} align="center" wrap>
        <StatusTag status={detail.status} />
        <Tag>{t(`mediation.kinds.${detail.kind}`)}</Tag>
        <Typography.Text type="secondary" data-testid="case-number">
          {detail.number}
        </Typography.Text>
      </Flex>

      {steps.length > 0 || mayDownload ? (
        <Flex gap={8} wrap data-testid="case-actions">
          {steps.map((name) => (
            <Button key={name} icon={STEP_ICONS[name]} type={name === 'recordAgreement' ? 'primary' : 'default'} danger={name === 'recordFailure'} onClick={() => setStep(name)} data-testid={`action-${name}`}>
              {t(`mediation.actions.${name}`)}
            </Button>
          ))}
          {mayDownload ? (
            <>
              <Button icon={<FilePdfOutlined />} href={agreementPdfUrl(detail.id, 'zh-CN')} download data-testid="download-agreement-zh">
                {t('mediation.actions.downloadAgreement')}
              </Button>
              <Button icon={<FilePdfOutlined />} href={agreementPdfUrl(detail.id, 'bo')} download data-testid="download-agreement-bo">
                {t('mediation.actions.downloadAgreementBo')}
              </Button>
            </>
          ) : null}
        </Flex>
      ) : null}

      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'unit', label: t('mediation.fields.unit'), children: detail.unitName },
          { key: 'mediator', label: t('mediation.fields.mediator'), children: <span data-testid="case-mediator-name">{detail.mediatorName}</span> },
          { key: 'committee', label: t('mediation.fields.committee'), children: detail.committee },
          { key: 'createdAt', label: t('mediation.fields.createdAt'), children: formatDateTime(detail.createdAt, language) },
          ...(detail.issueId !== null ? [{ key: 'issue', label: t('mediation.fields.issueId'), children: String(detail.issueId) }] : []),
        ]}
      />

      <Section title={t('mediation.detail.parties')}>
        <List size="small" bordered dataSource={detail.parties} rowKey={(party) => String(party.id)} renderItem={(party) => <PartyLine party={party} />} />
      </Section>

      <Section title={t('mediation.fields.facts')}>
        <Text>{detail.facts}</Text>
      </Section>
      <Section title={t('mediation.fields.dispute')}>
        <Text>{detail.dispute}</Text>
      </Section>

      <Section title={t('mediation.detail.sessions', { n: detail.sessions.length })}>
        {detail.sessions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.detail.noSessions')} />
        ) : (
          <Timeline
            items={detail.sessions.map((s) => ({
              key: String(s.id),
              content: (
                <div data-testid="case-session">
                  <Typography.Text strong>{formatDate(s.heldOn, language)}</Typography.Text>
                  <Typography.Text type="secondary"> · {s.place}</Typography.Text>
                  <Text>{s.summary}</Text>
                </div>
              ),
            }))}
          />
        )}
      </Section>

      {detail.terms ? (
        <Section title={t('mediation.detail.agreement')}>
          <Descriptions
            column={1}
            size="small"
            bordered
            layout="vertical"
            items={[
              { key: 'terms', label: t('mediation.fields.terms'), children: <Text testId="case-terms">{detail.terms}</Text> },
              { key: 'performance', label: t('mediation.fields.performance'), children: <Text>{detail.performance ?? '—'}</Text> },
              { key: 'performBy', label: t('mediation.fields.performBy'), children: formatDate(detail.performBy, language) },
              { key: 'agreedOn', label: t('mediation.fields.agreedOn'), children: formatDate(detail.agreedOn, language) },
            ]}
          />
        </Section>
      ) : null}

      {detail.failureReason ? (
        <Section title={t('mediation.fields.failureReason')}>
          <Text testId="case-failure">{detail.failureReason}</Text>
        </Section>
      ) : null}

      {detail.visits.length > 0 ? (
        <Section title={t('mediation.detail.visits')}>
          <List
            size="small"
            bordered
            dataSource={detail.visits}
            rowKey={(visit) => String(visit.id)}
            renderItem={(visit) => (
              <List.Item data-testid="case-visit">
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <span>{formatDate(visit.visitedOn, language)}</span>
                      <span>{visit.visitorName}</span>
                      <Tag color={visit.honoured ? 'green' : 'red'}>{visit.honoured ? t('mediation.visit.honoured') : t('mediation.visit.notHonoured')}</Tag>
                    </Flex>
                  }
                  description={visit.note}
                />
              </List.Item>
            )}
          />
        </Section>
      ) : null}

      <SessionModal detail={detail} open={step === 'addSession'} onClose={close} />
      <AgreementModal detail={detail} open={step === 'recordAgreement'} onClose={close} />
      <FailureModal detail={detail} open={step === 'recordFailure'} onClose={close} />
      <VisitModal detail={detail} open={step === 'recordVisit'} onClose={close} />
    </Flex>
  );
}

interface CaseDrawerProps {
  caseId: Id | null;
  onClose: () => void;
}

/** One case: parties, sessions, agreement, visits, and the steps the viewer may take now. */
export function CaseDrawer({ caseId, onClose }: CaseDrawerProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const detail = useCase(caseId);
  return (
    <Drawer open={caseId !== null} onClose={onClose} title={detail.data?.title ?? t('mediation.detail.title')} size={mobile ? '100%' : 640} data-testid="case-drawer">
      {detail.isPending && caseId !== null ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <CaseBody key={String(detail.data.id)} detail={detail.data} /> : null}
    </Drawer>
  );
}
