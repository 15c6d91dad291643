import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Image, Input, Skeleton, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { usePublicIssues, useRatePublic } from './api';
import { isStale, useIssueErrorText } from './errorText';
import { OutboxList, PublicFrame } from './PublicFrame';
import { RATINGS, type PublicIssue, type Rating, type Status } from './types';
import { readLastBuilding, useOutbox } from './useOutbox';

const PUBLIC_STATUS_COLORS: Record<Status, string> = {
  reported: 'gold',
  assigned: 'orange',
  accepted: 'blue',
  in_progress: 'blue',
  resolved: 'green',
  closed: 'green',
  rejected: 'default',
  merged: 'default',
};

function RateBox({ issue, token }: { issue: PublicIssue; token: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useIssueErrorText();
  const rate = useRatePublic();
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<Rating | null>(null);

  const send = (rating: Rating) => {
    setChosen(rating);
    rate.mutate(
      { token, body: { version: issue.version, rating, comment: comment.trim() || undefined } },
      {
        onSuccess: () => void message.success(t('issues.public.rated')),
        onError: (error) => void message.error(isStale(error) ? t('issues.public.changed') : errorText(error)),
      },
    );
  };

  return (
    <Flex vertical gap={8} data-testid="rate-box">
      <Typography.Text strong>{t('issues.public.rateQuestion')}</Typography.Text>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder={t('issues.public.rateComment')}
        data-testid="rate-comment"
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }}>
        {RATINGS.map((rating) => (
          <Button
            key={rating}
            size="large"
            type={rating === 'satisfied' ? 'primary' : 'default'}
            danger={rating === 'dissatisfied'}
            loading={rate.isPending && chosen === rating}
            disabled={rate.isPending}
            onClick={() => send(rating)}
            data-testid={`rate-${rating}`}
            style={{ paddingInline: 4, whiteSpace: 'normal', height: 'auto', minHeight: 48 }}
          >
            {t(`issues.rating.${rating}`)}
          </Button>
        ))}
      </div>
    </Flex>
  );
}

function ReportCard({ issue, token }: { issue: PublicIssue; token: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" data-testid="my-report" data-issue-id={issue.id} data-status={issue.status}>
      <Flex vertical gap={8}>
        <Flex gap={6} wrap align="center">
          <Tag color={PUBLIC_STATUS_COLORS[issue.status]} data-testid="my-report-status">
            {t(`issues.publicStatus.${issue.status}`)}
          </Tag>
          {issue.rating ? (
            <Tag color="green" data-testid="my-report-rating">
              {t('issues.public.ratedAs', { rating: t(`issues.rating.${issue.rating}`, { defaultValue: issue.rating }) })}
            </Tag>
          ) : null}
        </Flex>
        <Typography.Text strong style={{ fontSize: 16, overflowWrap: 'anywhere' }}>
          {issue.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {issue.unitName} · {formatDateTime(issue.createdAt, language)}
          {issue.handlerName ? ` · ${t('issues.public.handler', { name: issue.handlerName })}` : ''}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{issue.body}</Typography.Paragraph>
        {issue.photos.length > 0 ? (
          <Image.PreviewGroup>
            <Flex gap={6} wrap>
              {issue.photos.map((photo) => (
                <Image key={photo.id} src={photo.url} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : null}
        {issue.reply ? (
          <div
            data-testid="my-report-reply"
            style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 8, padding: '8px 10px' }}
          >
            <Typography.Text strong>{t('issues.public.reply')}</Typography.Text>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{issue.reply}</Typography.Paragraph>
          </div>
        ) : null}
        {issue.canRate ? <RateBox issue={issue} token={token} /> : null}
        <Typography.Text type="secondary">{t('issues.public.steps')}</Typography.Text>
        <Timeline
          data-testid="my-report-steps"
          items={issue.timeline.map((step, index) => ({
            key: index,
            color: step.action === 'resolve' || step.action === 'rate' ? 'green' : 'blue',
            content: (
              <Flex vertical gap={2}>
                <Typography.Text>
                  {t(`issues.events.${step.action}`, { defaultValue: step.action })}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(step.at, language)}
                  </Typography.Text>
                </Typography.Text>
                {step.comment ? (
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {step.comment}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          }))}
        />
      </Flex>
    </Card>
  );
}

/** 我的反映: the reports this phone sent, followed by their tokens, with the reply and the rating buttons. */
export function MyReportsPage() {
  const { t } = useTranslation();
  const { outbox, kept, flush, flushing, discard } = useOutbox();
  const issues = usePublicIssues(kept.map((r) => r.token));
  const tokenOf = new Map(kept.map((r) => [r.id, r.token]));
  const last = readLastBuilding();

  let list;
  if (kept.length === 0) list = <Empty description={t('issues.public.noReports')} />;
  else if (issues.isPending) list = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (issues.isError) list = <ErrorAlert error={issues.error} onRetry={() => void issues.refetch()} />;
  else {
    const items = [...issues.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    list = (
      <Flex vertical gap={12}>
        {items.map((issue) => {
          const token = tokenOf.get(issue.id);
          return token ? <ReportCard key={issue.id} issue={issue} token={token} /> : null;
        })}
      </Flex>
    );
  }

  return (
    <PublicFrame>
      <Flex vertical gap={12} data-testid="my-reports-page">
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('issues.public.myReports')}
          </Typography.Title>
          {last ? (
            <Link to={`/r/${encodeURIComponent(last.token)}`}>
              <Button icon={<PlusOutlined />}>{t('issues.public.again')}</Button>
            </Link>
          ) : null}
        </Flex>
        <Typography.Text type="secondary">{t('issues.public.keptHint')}</Typography.Text>
        <OutboxList items={outbox} flushing={flushing} onRetry={() => void flush()} onDiscard={discard} />
        {list}
      </Flex>
    </PublicFrame>
  );
}
