import { Flex, Image, Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n';
import type { Photo, TimelineEvent } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COLORS: Record<string, string> = {
  report: 'blue',
  resolve: 'green',
  rate: 'green',
  close: 'gray',
  overdue: 'red',
  supervise: 'red',
  reject: 'gray',
  return: 'orange',
  escalate: 'orange',
};

/** What an event's data adds in words: where it was sent, the new deadline, the extension, the rating. */
function EventFacts({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = isRecord(event.data) ? event.data : {};
  const facts: string[] = [];
  if (typeof data.name === 'string' && data.name) facts.push(t('issues.timeline.sentTo', { name: data.name }));
  if (typeof data.dueAt === 'string') facts.push(t('issues.timeline.dueAt', { at: formatDateTime(data.dueAt, language) }));
  if (typeof data.minutes === 'number') facts.push(t('issues.timeline.minutes', { hours: Math.round((data.minutes / 60) * 10) / 10 }));
  if (typeof data.rating === 'string') facts.push(t(`issues.rating.${data.rating}`, { defaultValue: data.rating }));
  if (typeof data.supervision === 'number' && data.supervision > 0) {
    facts.push(t(data.supervision >= 2 ? 'issues.supervision.red' : 'issues.supervision.yellow'));
  }
  if (typeof data.intoId === 'number') facts.push(t('issues.timeline.mergedInto', { id: data.intoId }));
  if (event.action === 'reject' && typeof data.reason === 'string') {
    facts.push(t(`issues.rejectReason.${data.reason}`, { defaultValue: data.reason }));
  }
  if (typeof data.level === 'string' && event.action === 'escalate') facts.push(t(`issues.level.${data.level}`, { defaultValue: data.level }));
  if (facts.length === 0) return null;
  return <Typography.Text type="secondary">{facts.join(' · ')}</Typography.Text>;
}

/** Every step of the issue, oldest first; internal notes (staff only) are marked as such. */
export function IssueTimeline({ events, photos, skipPhotoIds }: { events: TimelineEvent[]; photos: Photo[]; skipPhotoIds?: Set<number> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const photoUrl = new Map(photos.map((p) => [p.id, p.url]));
  return (
    <Timeline
      data-testid="issue-timeline"
      items={events.map((event) => {
        const eventPhotos = event.photoIds.filter((id) => !skipPhotoIds?.has(id) && photoUrl.has(id));
        return {
          key: event.id,
          color: COLORS[event.action] ?? 'blue',
          content: (
            <Flex vertical gap={4} data-testid="timeline-item" data-action={event.action} style={{ minWidth: 0 }}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{t(`issues.events.${event.action}`, { defaultValue: event.action })}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at, language)} · {event.actorName === 'system' ? t('issues.timeline.system') : event.actorName}
                </Typography.Text>
                {event.fromStatus && event.fromStatus !== event.toStatus ? (
                  <Tag>{t(`issues.status.${event.toStatus}`, { defaultValue: event.toStatus })}</Tag>
                ) : null}
              </Flex>
              <EventFacts event={event} />
              {event.comment ? (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{event.comment}</Typography.Paragraph>
              ) : null}
              {event.note ? (
                <div
                  data-testid="internal-note"
                  style={{ background: '#fffbe6', border: '1px dashed #faad14', borderRadius: 6, padding: '4px 8px' }}
                >
                  <Tag color="gold" icon={<LockOutlined />}>
                    {t('issues.timeline.internal')}
                  </Tag>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{event.note}</Typography.Text>
                </div>
              ) : null}
              {eventPhotos.length > 0 ? (
                <Image.PreviewGroup>
                  <Flex gap={6} wrap>
                    {eventPhotos.map((id) => (
                      <Image key={id} src={photoUrl.get(id)} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />
                    ))}
                  </Flex>
                </Image.PreviewGroup>
              ) : null}
            </Flex>
          ),
        };
      })}
    />
  );
}
