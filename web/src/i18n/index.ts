import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../app/types';
import { catalogs } from './resources';

const STORAGE_KEY = 'xq.language';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  bo: 'བོད་ཡིག',
  en: 'English',
};

export function toLanguage(value: string | null | undefined): Language | null {
  return LANGUAGES.find((lng) => lng === value) ?? null;
}

function storedLanguage(): Language {
  try {
    return toLanguage(localStorage.getItem(STORAGE_KEY)) ?? DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or blocked storage: the choice then lasts for this page only.
  }
}

export function initI18n(): typeof i18n {
  const lng = storedLanguage();
  void i18n.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: catalogs['zh-CN'] },
      bo: { translation: catalogs.bo },
      en: { translation: catalogs.en },
    },
    lng,
    // Chinese is the working language of the administration, so a missing string falls back to it.
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(lng);
  i18n.on('languageChanged', applyLanguage);
  return i18n;
}

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}

/** The current UI language, re-rendering on change. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return toLanguage(instance.resolvedLanguage ?? instance.language) ?? DEFAULT_LANGUAGE;
}
