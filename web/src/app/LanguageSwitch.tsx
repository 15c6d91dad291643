import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { LANGUAGE_NAMES, setLanguage, useLanguage } from '../i18n';
import { LANGUAGES, type Language } from './types';

interface LanguageSwitchProps {
  /** Called after the UI switched, e.g. to save the choice on the account. */
  onChange?: (language: Language) => void;
  compact?: boolean;
}

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
      <Button data-testid="lang-switch" icon={<GlobalOutlined />} aria-label={LANGUAGE_NAMES[current]}>
        {compact ? null : <span lang={current}>{LANGUAGE_NAMES[current]}</span>}
      </Button>
    </Dropdown>
  );
}
