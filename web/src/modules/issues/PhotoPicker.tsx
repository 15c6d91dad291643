import { useRef, useState, type ChangeEvent } from 'react';
import { App, Button, Flex, Image, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downscale, MAX_PHOTOS, photosLeft } from './photos';

interface PhotoPickerProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  max?: number;
  /** Big buttons for the resident's phone page. */
  large?: boolean;
}

const THUMB = 76;

/** Up to nine photos from the camera or the gallery, made small in the browser before they are sent. */
export function PhotoPicker({ value = [], onChange, max = MAX_PHOTOS, large = false }: PhotoPickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const left = photosLeft(value.length, max);

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    // Cleared at once so choosing the same picture again still fires a change.
    input.value = '';
    if (files.length === 0) return;
    if (files.length > left) void message.warning(t('issues.photos.tooMany', { max }));
    setBusy(true);
    const added: string[] = [];
    for (const file of files.slice(0, left)) {
      try {
        added.push(await downscale(file));
      } catch {
        void message.error(t('issues.photos.unreadable', { name: file.name }));
      }
    }
    setBusy(false);
    if (added.length > 0) onChange?.([...value, ...added]);
  };

  const size = large ? 'large' : 'middle';
  return (
    <Flex vertical gap={8} data-testid="photo-picker">
      <Flex gap={8} wrap>
        <Button
          size={size}
          icon={<CameraOutlined />}
          disabled={left === 0}
          loading={busy}
          onClick={() => camera.current?.click()}
          data-testid="photo-camera-button"
        >
          {t('issues.photos.camera')}
        </Button>
        <Button
          size={size}
          icon={<PictureOutlined />}
          disabled={left === 0}
          loading={busy}
          onClick={() => gallery.current?.click()}
        >
          {t('issues.photos.gallery')}
        </Button>
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          style={{ display: 'none' }}
          data-testid="photo-input"
          onChange={(event) => void add(event)}
        />
        <input
          ref={gallery}
          type="file"
          accept="image/*"
          multiple
          style={{ display: 'none' }}
          data-testid="photo-gallery-input"
          onChange={(event) => void add(event)}
        />
      </Flex>
      {value.length > 0 ? (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {value.map((src, index) => (
              <div key={`${index}:${src.length}`} style={{ position: 'relative', width: THUMB, height: THUMB }}>
                <Image
                  src={src}
                  width={THUMB}
                  height={THUMB}
                  alt={t('issues.photos.photo', { n: index + 1 })}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  data-testid="photo-thumb"
                />
                <Button
                  size="small"
                  shape="circle"
                  danger
                  icon={<CloseOutlined />}
                  aria-label={t('issues.photos.remove')}
                  onClick={() => onChange?.(value.filter((_, i) => i !== index))}
                  style={{ position: 'absolute', top: -6, insetInlineEnd: -6 }}
                />
              </div>
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('issues.photos.hint', { n: value.length, max })}
      </Typography.Text>
    </Flex>
  );
}
