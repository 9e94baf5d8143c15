// Languages are modules: zh-CN is always there; zh-TW and en arrive with their own import
// (`haochaping/locales/…`), so an npm app ships only what it offers. Pure modules, tested in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from '../../scripts/import-ts.mjs';

test('a language that was not imported falls back to zh-CN, with one warning naming the import', async (t) => {
  const warnings = [];
  t.mock.method(console, 'warn', (message) => warnings.push(message));
  const { messagesFor, resolveLocale } = await importTs('src/i18n/messages.ts');
  assert.equal(resolveLocale('zh-HK'), 'zh-TW');
  assert.equal(messagesFor('zh-CN').submit, '提交评价');
  assert.equal(messagesFor('en').submit, '提交评价');
  assert.equal(messagesFor('en', { submit: 'Go' }).submit, 'Go', 'overrides still apply');
  messagesFor('en');
  assert.deepEqual(warnings, ["haochaping: lang \"en\" is asked for, but its strings are not loaded: add import 'haochaping/locales/en'; showing zh-CN meanwhile."]);

  // Imported, even as another copy of the module (its own bundle): every copy sees it.
  await importTs('src/i18n/en.ts');
  await importTs('src/i18n/zh-TW.ts');
  assert.equal(messagesFor('en').submit, 'Submit rating');
  assert.equal(messagesFor('zh-TW').level5, '非常滿意');
  assert.equal(warnings.length, 1);
});

test('each language module has every string zh-CN has, and no other', async () => {
  const zhCN = (await importTs('src/i18n/messages.ts')).messagesFor('zh-CN');
  await importTs('src/i18n/en.ts');
  await importTs('src/i18n/zh-TW.ts');
  const { messagesFor } = await importTs('src/i18n/messages.ts');
  for (const locale of ['en', 'zh-TW']) {
    const messages = messagesFor(locale);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(zhCN).sort(), locale);
    assert.notEqual(messages.submit, zhCN.submit, `${locale} is its own translation`);
  }
});
