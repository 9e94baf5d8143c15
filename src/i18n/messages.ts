import { root } from '../floor.js';

/**
 * Every string the widget shows, in zh-CN (the default; zh-TW and en are modules of their own,
 * zh-TW.ts and en.ts, so an npm app ships only the languages it imports). `{n}` and
 * `{status}` are placeholders; counts go through `Intl.PluralRules`.
 */
export interface Messages {
  levelsLegend: string;
  goodBadLegend: string;
  level5: string;
  level4: string;
  level3: string;
  level2: string;
  level1: string;
  good: string;
  bad: string;
  tagsLegendGood: string;
  tagsLegendBad: string;
  commentLabel: string;
  /** Characters left, by plural category: `{ other: '…{n}…', one?: '…' }`. */
  charsLeft: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  charsOver: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  submit: string;
  retry: string;
  needLevel: string;
  needReason: string;
  sending: string;
  sent: string;
  /** Sending, and kept in memory only (no durable storage on this page). */
  sendingUnsaved: string;
  /** Durably stored; the outbox delivers it when the endpoint can be reached. */
  queued: string;
  /** The queue already holds its maximum; this rating was not stored. */
  full: string;
  /** 一次一评: this browser rated the transaction; `allow-follow-up` offers one 追评. */
  alreadyRated: string;
  /** Rated (and followed up, or no 追评 allowed): nothing more to do. */
  alreadyRatedFinal: string;
  followUp: string;
  /** The network failed: nothing reached the server. */
  retryable: string;
  /** The server answered, but is busy or failing (408, 425, 429, 5xx). */
  serverBusy: string;
  refused: string;
  paused: string;
  unavailable: string;
  /** Kiosk mode: the thank-you screen before the form clears for the next citizen. */
  kioskThanks: string;
  /** The floating launcher's button (`data-launcher="floating"`). */
  launcher: string;
  /** Title of the launcher's dialog. */
  launcherTitle: string;
  /** The dialog's close button. */
  close: string;
  /** PII guard: the comment seems to hold personal data; the list of findings follows. */
  piiWarning: string;
  piiIdCard: string;
  piiMobile: string;
  piiEmail: string;
  /** Goes back to the comment with the part selected. */
  piiEdit: string;
  /** Sends the comment unchanged. */
  piiSendAnyway: string;
  /** The page hides or shrinks a level, so no rating can be accepted. */
  levelsHidden: string;
  /** Hides the floating button for this page view, so it never covers content for good. */
  hideLauncher: string;
}

export type Locale = 'zh-CN' | 'zh-TW' | 'en';

const zhCN: Messages = {
  levelsLegend: '您对本次服务满意吗？',
  goodBadLegend: '您对本页面的评价',
  level5: '非常满意',
  level4: '满意',
  level3: '基本满意',
  level2: '不满意',
  level1: '非常不满意',
  good: '好评',
  bad: '差评',
  tagsLegendGood: '满意的方面（可多选）',
  tagsLegendBad: '需要改进的地方（可多选）',
  commentLabel: '意见和建议（选填）',
  charsLeft: { other: '还可输入 {n} 字' },
  charsOver: { other: '已超出 {n} 字，请删减' },
  submit: '提交评价',
  retry: '重新提交',
  needLevel: '请先选择一个评价等级。',
  needReason: '请选择至少一项原因或填写意见，方便我们改进。',
  sending: '正在提交…',
  sent: '已提交，感谢您的评价！',
  sendingUnsaved: '正在提交，请勿关闭页面…',
  queued: '已保存，网络恢复后将自动提交。',
  full: '待提交的评价已达上限，本次评价未能保存。请稍后再试。',
  alreadyRated: '您已评价过本次办件。如有补充，可以追加评价一次。',
  alreadyRatedFinal: '您已评价过本次办件，感谢您的参与。',
  followUp: '追加评价（追评）',
  retryable: '提交没有成功，您的评价尚未送达。请检查网络后重新提交。',
  serverBusy: '评价服务器暂时繁忙（错误 {status}），您的评价尚未送达。请稍后重新提交。',
  refused: '评价未被受理（错误 {status}）。请稍后再试或联系网站管理员。',
  paused: '评价服务暂时无法接收（错误 {status}），请稍后再试。',
  unavailable: '评价功能暂不可用。',
  kioskThanks: '感谢您的评价！',
  launcher: '评价',
  launcherTitle: '服务评价',
  close: '关闭',
  piiWarning: '您的意见中似乎含有个人信息。评价内容会被相关部门查看，建议删除后再提交：',
  piiIdCard: '身份证号',
  piiMobile: '手机号码',
  piiEmail: '电子邮箱',
  piiEdit: '返回修改',
  piiSendAnyway: '仍然提交',
  levelsHidden: '本页面没有完整显示全部评价等级，暂时无法提交。请联系网站管理员。',
  hideLauncher: '隐藏评价按钮',
};



// Shared by every copy of the SDK on the page, like the page defaults: a language module loaded
// next to one copy serves the copy that registered the element.
const KEY = Symbol.for('haochaping.messages');
const catalogs: Partial<Record<Locale, Messages>> = ((root as { [KEY]?: Partial<Record<Locale, Messages>> })[KEY] ??= {});
catalogs['zh-CN'] = zhCN;
const warned = new Set<Locale>();

/**
 * Adds a language: `haochaping/locales/zh-TW` and `haochaping/locales/en` call this when imported
 * (the script-tag bundle includes both). zh-CN is always there.
 */
export function registerMessages(locale: Locale, messages: Messages): void {
  catalogs[locale] = messages;
}

/** Maps any BCP 47 tag to the nearest supported locale; Traditional Chinese regions go to zh-TW. */
export function resolveLocale(lang: string | null | undefined): Locale {
  const tag = (lang ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
  if (tag.startsWith('en')) return 'en';
  return 'zh-CN';
}

/**
 * The strings of `locale` with the page's overrides. A language that was not imported falls back
 * to zh-CN, with one warning that names the import.
 */
export function messagesFor(locale: Locale, overrides?: Partial<Messages>): Messages {
  let messages = catalogs[locale];
  if (!messages) {
    if (!warned.has(locale)) {
      warned.add(locale);
      console.warn(`haochaping: lang "${locale}" is asked for, but its strings are not loaded: add import 'haochaping/locales/${locale}'; showing zh-CN meanwhile.`);
    }
    messages = zhCN;
  }
  return { ...messages, ...overrides };
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Picks the plural form for `n` and fills it in. */
export function plural(locale: Locale, forms: Messages['charsLeft'], n: number): string {
  // One rule set per locale: building one costs about 0.1 ms, and every render asks.
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const category = rules.select(n);
  return format(forms[category] ?? forms.other, { n });
}
