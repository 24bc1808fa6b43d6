// The browser half of the language rule (core/i18n.js reading language-rule.json), checked with the same cases as
// LanguageNegotiatorTest on the server (invoked by LanguageRuleScriptTest).
// usage: node language-rule-test.mjs <assets dir holding core/ and i18n/>
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [assets] = process.argv.slice(2);
const { expect, done } = await import(process.env.MANABI_CHECKS);
const { negotiateLanguage, uiLanguageOf, offeredLanguages } = await import(pathToFileURL(join(assets, 'core', 'i18n.js')));

const allFive = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko'];
for (const [tag, ui] of [['zh-TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['zh-MO', 'zh-Hant'], ['zh-CN', 'zh-Hans'],
  ['zh-SG', 'zh-Hans'], ['zh', 'zh-Hans'], ['zh-Hant', 'zh-Hant'], ['zh-Hans-TW', 'zh-Hans'], ['ko-KR', 'ko'],
  ['ja-JP', 'ja'], ['en-US', 'en'], ['fr-FR', null], ['!!', null]]) {
  expect(`uiLanguageOf ${tag}`, uiLanguageOf(tag), ui);
}
for (const [browser, expected] of [[['ko-KR', 'ko', 'en-US'], 'ko'], [['zh-TW', 'zh'], 'zh-Hant'],
  [['zh-CN', 'zh'], 'zh-Hans'], [['en-US', 'en'], 'en'], [['ja-JP'], 'ja'], [['fr-FR'], 'ja']]) {
  expect(`demo course, browser ${browser}`, negotiateLanguage({ browser, offered: allFive, courseDefault: 'ja' }), expected);
}
expect('explicit choice wins', negotiateLanguage({ explicitChoice: 'ko', hostLocale: 'ja', browser: ['en-US'], offered: allFive, courseDefault: 'zh' }), 'ko');
expect('host locale beats browser', negotiateLanguage({ hostLocale: 'ja-JP', browser: ['ko'], offered: allFive, courseDefault: 'en' }), 'ja');
expect('not offered is passed over', negotiateLanguage({ browser: ['ko-KR', 'en'], offered: ['ja', 'en'], courseDefault: 'ja' }), 'en');
expect('Japanese-only course, Korean browser', negotiateLanguage({ browser: ['ko-KR', 'ko'], offered: ['ja'], courseDefault: 'ja' }), 'ja');
expect('Japanese-only course, Korean host', negotiateLanguage({ hostLocale: 'ko-KR', browser: ['ko-KR'], offered: ['ja'], courseDefault: 'ja' }), 'ko');
expect('offered in another spelling', negotiateLanguage({ browser: ['zh-HK'], offered: ['zh-TW', 'ja'], courseDefault: 'ja' }), 'zh-Hant');
expect('Simplified only for a zh-TW reader', negotiateLanguage({ browser: ['zh-TW'], offered: ['zh-CN', 'ja'], courseDefault: 'ja' }), 'ja');
expect('outside a course', negotiateLanguage({ browser: ['ko-KR'] }), 'ko');
expect('configured default', negotiateLanguage({ browser: ['fr'], fallback: 'ja' }), 'ja');
expect('offered languages of a course', [...offeredLanguages({ defaultLanguage: 'ja', title: { ja: 'x', 'x-none': 'y', ko: 'z' },
  components: [{ kind: 'scorm', language: 'zh-TW' }, { kind: 'quiz' }] })], ['ja', 'ko', 'zh-TW']);
expect('the server\'s offered languages win', [...offeredLanguages({ defaultLanguage: 'ja', title: { ja: 'x' },
  offeredLanguages: ['ja', 'ko'] })], ['ja', 'ko']);
done();
