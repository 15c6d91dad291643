import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { LANGUAGE_NAMES, setLanguage, useLanguage } from '../i18n';
import { LANGUAGES, type Language } from './types';

interface LanguageSwitchProps {
  /** Called after the UI switched, e.g. to save the choice on the account. */
  onChange?: (language: Language) => void;
  compact?: boolean;
}

/**
 * The menu opens next to its button, not in <body>: the button sits in sticky headers, and a menu in <body> is
 * placed in page coordinates. Any scroll while it is open carries it away from the header until a scroll
 * handler moves it back a frame later; a tap landing in between hits the header instead of the item, and the
 * choice is lost.
 */
const besideTrigger = (trigger: HTMLElement): HTMLElement => trigger.parentElement ?? document.body;

export function LanguageSwitch({ onChange, compact = false }: LanguageSwitchProps) {
  const current = useLanguage();
  const items = LANGUAGES.map((language) => ({
    key: language,
    label: (
      <span data-testid={`lang-option-${language}`} lang={language}>
        {LANGUAGE_NAMES[language]}
      </span>
    ),
  }));
  return (
    <Dropdown
      trigger={['click']}
      getPopupContainer={besideTrigger}
      menu={{
        items,
        selectable: true,
        selectedKeys: [current],
        onClick: ({ key }) => {
          const language = LANGUAGES.find((lng) => lng === key);
          if (!language || language === current) return;
          setLanguage(language);
          onChange?.(language);
        },
      }}
    >
      <Button
        data-testid="lang-switch"
        icon={<GlobalOutlined />}
        aria-label={LANGUAGE_NAMES[current]}
        // In a full header the name gives way, not the button.
        style={{ flexShrink: 0 }}
      >
        {compact ? null : <span lang={current}>{LANGUAGE_NAMES[current]}</span>}
      </Button>
    </Dropdown>
  );
}
