import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Image, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../app/errors';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import { ActionBar } from './ActionBar';
import { useCategories, useIssue } from './api';
import { categoryPath } from './categories';
import { IssueTimeline } from './IssueTimeline';
import { DueText, LevelTag, OverdueTag, SizeTag, StatusTag, SupervisionTag } from './IssueTags';
import { OPEN_STATUSES, type IssueDetail } from './types';
import { useNow, useWorkCalendar } from './useWorkCalendar';
import { dayMinutes } from './workTime';

function usePlaceText(): (issue: IssueDetail) => string {
  const { t } = useTranslation();
  return (issue) => {
    const parts = [issue.unitName];
    if (issue.household) {
      const room = t('issues.place.room', { unit: issue.household.unitNo, room: issue.household.room });
      // A room named on the anonymous QR page is what the reporter said, nothing more.
      parts.push(issue.household.stated ? `${room} (${t('issues.place.stated')})` : room);
    }
    else parts.push(t(`issues.placeKind.${issue.placeKind}`));
    if (issue.placeNote) parts.push(issue.placeNote);
    return parts.join(' · ');
  };
}

function Reporter({ issue }: { issue: IssueDetail }) {
  const { t } = useTranslation();
  const { name, phone, showName } = issue.reporter;
  const parts: ReactNode[] = [name ?? t('issues.reporter.anonymous')];
  if (phone) parts.push(` · ${phone}`);
  return (
    <span>
      {parts}
      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
        ({t(showName ? 'issues.reporter.public' : 'issues.reporter.hidden')})
      </Typography.Text>
    </span>
  );
}

/** One issue: what, where, who, by when; its photos; every step so far; and what the viewer may do now. */
export function IssuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const issue = useIssue(id);
  const categories = useCategories();
  const calendar = useWorkCalendar();
  const now = useNow();
  const placeText = usePlaceText();
  const [stale, setStale] = useState(false);

  if (issue.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (issue.isError) return <ErrorAlert error={issue.error} onRetry={() => void issue.refetch()} />;
  const data = issue.data;
  const open = OPEN_STATUSES.includes(data.status);
  const reportPhotos = new Set(data.timeline.find((e) => e.action === 'report')?.photoIds ?? data.photos.map((p) => p.id));
  const bodyPhotos = data.photos.filter((p) => reportPhotos.has(p.id));

  return (
    <Flex vertical gap={16} data-testid="issue-page" data-status={data.status} data-version={data.version}>
      <div>
        <Link to="/issues">
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('issues.back')}
          </Button>
        </Link>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="issue-title">
          <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 'normal' }}>
            #{data.id}{' '}
          </Typography.Text>
          {data.title}
        </Typography.Title>
        <Flex gap={4} wrap style={{ marginTop: 8 }}>
          <StatusTag status={data.status} />
          <SizeTag size={data.size} />
          <LevelTag level={data.level} />
          <OverdueTag overdue={data.overdue} />
          <SupervisionTag supervision={data.supervision} />
          {data.extensionRequestedMinutes ? (
            <Typography.Text type="warning" data-testid="extension-pending">
              {t('issues.extensionPending', { hours: Math.round((data.extensionRequestedMinutes / 60) * 10) / 10 })}
            </Typography.Text>
          ) : null}
        </Flex>
      </div>
      {stale ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setStale(false) }}
          title={t('issues.errors.STALE_VERSION')}
          data-testid="stale-notice"
        />
      ) : null}
      <Card size="small" title={t('issues.actionsTitle')}>
        <ActionBar
          issue={data}
          workingDayMinutes={dayMinutes(calendar)}
          onStale={() => {
            setStale(true);
            void issue.refetch();
          }}
        />
      </Card>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'category', label: t('issues.fields.category'), children: categoryPath(categories.data ?? [], data.categoryId, language) },
            { key: 'nature', label: t('issues.fields.nature'), children: t(`issues.nature.${data.nature}`) },
            { key: 'source', label: t('issues.fields.source'), children: t(`issues.source.${data.source}`) },
            { key: 'place', label: t('issues.fields.place'), children: <span data-testid="issue-place">{placeText(data)}</span> },
            {
              key: 'handler',
              label: t('issues.fields.handler'),
              children: (
                <span data-testid="issue-handler">
                  {data.assigneeName ?? t(`issues.handlerKind.${data.handlerKind}`, { defaultValue: data.handlerKind })}
                </span>
              ),
            },
            { key: 'reporter', label: t('issues.fields.reporter'), children: <Reporter issue={data} /> },
            { key: 'createdAt', label: t('issues.fields.createdAt'), children: formatDateTime(data.createdAt, language) },
            {
              key: 'due',
              label: t('issues.fields.due'),
              children: <DueText dueAt={data.dueAt} overdue={data.overdue} open={open} calendar={calendar} now={now} />,
            },
            ...(data.externalNo ? [{ key: 'externalNo', label: t('issues.fields.externalNo'), children: data.externalNo }] : []),
            ...(data.rateBy && data.status === 'resolved'
              ? [{ key: 'rateBy', label: t('issues.fields.rateBy'), children: formatDateTime(data.rateBy, language) }]
              : []),
            ...(data.mergedIntoId
              ? [
                  {
                    key: 'merged',
                    label: t('issues.fields.intoId'),
                    children: <Link to={`/issues/${data.mergedIntoId}`}>#{data.mergedIntoId}</Link>,
                  },
                ]
              : []),
            ...(data.rejectReason
              ? [
                  {
                    key: 'reject',
                    label: t('issues.fields.rejectReason'),
                    children: t(`issues.rejectReason.${data.rejectReason}`, { defaultValue: data.rejectReason }),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('issues.fields.body')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="issue-body">
          {data.body}
        </Typography.Paragraph>
        {bodyPhotos.length > 0 ? (
          <Image.PreviewGroup>
            <Flex gap={8} wrap data-testid="issue-photos">
              {bodyPhotos.map((photo, index) => (
                <Image
                  key={photo.id}
                  src={photo.url}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  alt={t('issues.photos.photo', { n: index + 1 })}
                />
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : null}
      </Card>
      {data.reply || data.rating ? (
        <Card size="small" title={t('issues.fields.reply')} data-testid="issue-reply">
          {data.reply ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{data.reply}</Typography.Paragraph>
          ) : null}
          {data.rating ? (
            <Typography.Text>
              {t('issues.fields.rating')}: <strong>{t(`issues.rating.${data.rating}`, { defaultValue: data.rating })}</strong>
              {data.ratingComment ? ` · ${data.ratingComment}` : ''}
            </Typography.Text>
          ) : null}
        </Card>
      ) : null}
      <Card size="small" title={t('issues.timeline.title')}>
        <IssueTimeline events={data.timeline} photos={data.photos} skipPhotoIds={reportPhotos} />
      </Card>
    </Flex>
  );
}
