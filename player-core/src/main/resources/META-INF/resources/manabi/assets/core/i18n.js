// Shared browser helpers of the player: JSON calls to the SDK API, UI bundles, localized text and formatting.
// Every web component of every module takes its strings from the bundle served by GET {api}/i18n/{tag}.
// The language rule (README "Languages") is the same JSON file the server's LanguageRule reads, so both pick alike.
import RULE from '../i18n/language-rule.json' with { type: 'json' };

export const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko'];

/** An API failure carrying the SDK's {status, code, message} body. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export async function fetchJson(url, options = {}) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...(options.headers || {}) },
  });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.code ?? `http-${response.status}`, body?.message ?? response.statusText, body?.details);
  }
  return body;
}

const bundles = new Map();

/** The merged UI bundle (key -> text) of one language, fetched once per page. */
export async function loadMessages(api, lang) {
  if (!bundles.has(lang)) {
    bundles.set(lang, fetchJson(`${api}/i18n/${encodeURIComponent(lang)}`).then((b) => b.messages));
  }
  return bundles.get(lang);
}

/**
 * What to tell a reader when `/me` failed, in the browser's language (their own is unknown then): sign in, no
 * institution, or a general error. Never the server's text, which is English and meant for developers.
 */
export async function failureText(api, error) {
  const messages = await loadMessages(api, browserLanguage()).catch(() => ({}));
  const key = error instanceof ApiError && error.status === 401 ? 'error.unauthenticated'
    : error instanceof ApiError && error.code === 'no-tenant' ? 'error.noTenant' : 'error.internal';
  return t(messages, key);
}

/** Formats a bundle text: {0}, {1}... are replaced by the arguments (the subset of MessageFormat the bundles use). */
export function t(messages, key, ...args) {
  const pattern = messages?.[key];
  if (pattern === undefined) {
    console.warn(`Missing UI message ${key}`);
    return key;
  }
  return pattern.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] ?? m));
}


/** The UI language for a browser outside any course: its first language that is a UI language, else `fallback`. */
export function browserLanguage(preferred = navigator.languages ?? [navigator.language], fallback = 'en') {
  return negotiateLanguage({ browser: preferred, fallback });
}

/** The UI language (ja, en, zh-Hans, zh-Hant, ko) serving a BCP 47 tag, or null; mapping from language-rule.json. */
export function uiLanguageOf(tag) {
  if (!tag) return null;
  let locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  const candidates = RULE.languages.filter((e) => e.language === locale.language);
  if (candidates.length === 0) return null;
  const script = locale.script
    ?? candidates.find((e) => e.regions?.includes(locale.region))?.script
    ?? RULE.defaultScript?.[locale.language];
  return candidates.find((e) => !e.script || e.script === script)?.tag ?? null;
}

/**
 * The learner's language by the steps of language-rule.json (as LanguageNegotiator on the server): `explicitChoice`,
 * `hostLocale`, the `browser` languages (array, most preferred first) among `offered` (tags of the open course; omit
 * outside a course), `courseDefault`, then `fallback`.
 */
export function negotiateLanguage({ explicitChoice, hostLocale, browser = [], offered, courseDefault, fallback = 'en' }) {
  const offeredUi = offered ? new Set([...offered].map(uiLanguageOf).filter(Boolean)) : null;
  const steps = {
    'explicit-choice': () => uiLanguageOf(explicitChoice),
    'host-locale': () => uiLanguageOf(hostLocale),
    'browser-among-offered': () => browser.map(uiLanguageOf).find((l) => l && (!offeredUi || offeredUi.has(l))) ?? null,
    'course-default': () => uiLanguageOf(courseDefault),
    'configured-default': () => uiLanguageOf(fallback) ?? 'en',
  };
  for (const step of RULE.steps) {
    const found = steps[step]();
    if (found) return found;
  }
  return 'en';
}

/**
 * The tags a course is offered in: the server's answer (`offeredLanguages` of GET /courses/{id}, which also counts
 * multilingual quizzes and video books) when given, else what the course itself says (default, title tags, variants).
 */
export function offeredLanguages(course) {
  if (Array.isArray(course.offeredLanguages)) return new Set(course.offeredLanguages);
  const tags = new Set();
  if (course.defaultLanguage) tags.add(course.defaultLanguage);
  Object.keys(course.title ?? {}).filter((t) => t.toLowerCase() !== 'x-none').forEach((t) => tags.add(t));
  (course.components ?? []).forEach((c) => c.language && tags.add(c.language));
  return tags;
}

/**
 * Picks the author's tag that best serves a reader of `lang`; mirrors LocalizedText.lookup on the server so the
 * shell, the players and the API agree: the tag and its RFC 4647 truncations while they keep the reader's script
 * ("zh" means Simplified), the same UI language under another spelling (zh-TW for zh-Hant), the same language in the
 * other script, English, a language-neutral LOM string ("x-none"), the first tag given.
 */
export function pickTag(tags, lang) {
  if (!tags || tags.length === 0) return undefined;
  const wanted = String(lang || '');
  const ui = uiLanguageOf(wanted);
  const lower = t => t.toLowerCase();
  const primary = t => lower(t).split('-')[0];
  const chain = [];
  for (const parts = lower(wanted).split('-').filter(Boolean); parts.length; parts.pop()) {
    if (parts[parts.length - 1].length === 1) continue; // RFC 4647 3.4: a singleton goes with what follows it
    chain.push(parts.join('-'));
  }
  const inChain = accept => {
    for (const c of chain) {
      const hit = tags.find(t => lower(t) === c && accept(t));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  return inChain(t => !ui || uiLanguageOf(t) === ui)
    ?? (ui ? tags.find(t => uiLanguageOf(t) === ui) : undefined)
    ?? inChain(() => true)
    ?? (wanted ? tags.find(t => primary(t) === primary(wanted)) : undefined)
    ?? tags.find(t => primary(t) === 'en')
    ?? tags.find(t => lower(t) === 'x-none')
    ?? tags[0];
}

/** One text of a {tag: text} map for a reader of `lang` (see pickTag). */
export function localize(texts, lang) {
  if (!texts) return '';
  if (typeof texts === 'string') return texts;
  const tag = pickTag(Object.keys(texts), lang);
  return tag === undefined ? '' : texts[tag];
}

export function formatDate(value, lang) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value, lang, options = {}) {
  return new Intl.NumberFormat(lang, options).format(value);
}
