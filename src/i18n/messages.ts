/**
 * Every string the widget shows, in zh-CN (the default), zh-TW and en. `{n}` and
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

const zhTW: Messages = {
  levelsLegend: '您對本次服務滿意嗎？',
  goodBadLegend: '您對本頁面的評價',
  level5: '非常滿意',
  level4: '滿意',
  level3: '基本滿意',
  level2: '不滿意',
  level1: '非常不滿意',
  good: '好評',
  bad: '差評',
  tagsLegendGood: '滿意的方面（可多選）',
  tagsLegendBad: '需要改進的地方（可多選）',
  commentLabel: '意見和建議（選填）',
  charsLeft: { other: '還可輸入 {n} 字' },
  charsOver: { other: '已超出 {n} 字，請刪減' },
  submit: '提交評價',
  retry: '重新提交',
  needLevel: '請先選擇一個評價等級。',
  needReason: '請選擇至少一項原因或填寫意見，方便我們改進。',
  sending: '正在提交…',
  sent: '已提交，感謝您的評價！',
  sendingUnsaved: '正在提交，請勿關閉頁面…',
  queued: '已儲存，網路恢復後將自動提交。',
  full: '待提交的評價已達上限，本次評價未能儲存。請稍後再試。',
  alreadyRated: '您已評價過本次辦件。如有補充，可以追加評價一次。',
  alreadyRatedFinal: '您已評價過本次辦件，感謝您的參與。',
  followUp: '追加評價（追評）',
  retryable: '提交沒有成功，您的評價尚未送達。請檢查網路後重新提交。',
  serverBusy: '評價伺服器暫時繁忙（錯誤 {status}），您的評價尚未送達。請稍後重新提交。',
  refused: '評價未被受理（錯誤 {status}）。請稍後再試或聯絡網站管理員。',
  paused: '評價服務暫時無法接收（錯誤 {status}），請稍後再試。',
  unavailable: '評價功能暫不可用。',
  kioskThanks: '感謝您的評價！',
  launcher: '評價',
  launcherTitle: '服務評價',
  close: '關閉',
  piiWarning: '您的意見中似乎含有個人資料。評價內容會被相關部門查看，建議刪除後再提交：',
  piiIdCard: '身分證號',
  piiMobile: '手機號碼',
  piiEmail: '電子郵件',
  piiEdit: '返回修改',
  piiSendAnyway: '仍然提交',
  levelsHidden: '本頁面沒有完整顯示全部評價等級，暫時無法提交。請聯絡網站管理員。',
  hideLauncher: '隱藏評價按鈕',
};

const en: Messages = {
  levelsLegend: 'How satisfied are you with this service?',
  goodBadLegend: 'Was this page useful?',
  level5: 'Very satisfied',
  level4: 'Satisfied',
  level3: 'Fairly satisfied',
  level2: 'Dissatisfied',
  level1: 'Very dissatisfied',
  good: 'Good',
  bad: 'Bad',
  tagsLegendGood: 'What went well? (choose any)',
  tagsLegendBad: 'What should improve? (choose any)',
  commentLabel: 'Comments (optional)',
  charsLeft: { one: '1 character left', other: '{n} characters left' },
  charsOver: { one: '1 character too many', other: '{n} characters too many' },
  submit: 'Submit rating',
  retry: 'Submit again',
  needLevel: 'Choose a rating first.',
  needReason: 'Choose at least one reason or write a comment, so the service can improve.',
  sending: 'Submitting…',
  sent: 'Submitted. Thank you for your rating!',
  sendingUnsaved: 'Submitting… please keep this page open.',
  queued: 'Saved. It will be submitted when the connection is back.',
  full: 'Too many ratings are waiting to be submitted; this one could not be saved. Please try again later.',
  alreadyRated: 'You have already rated this case. You may add one follow-up rating.',
  alreadyRatedFinal: 'You have already rated this case. Thank you!',
  followUp: 'Add a follow-up rating',
  retryable: 'Your rating has not been delivered yet. Check your connection and submit again.',
  serverBusy: 'The rating server is busy (error {status}); your rating has not been delivered yet. Please submit again shortly.',
  refused: 'Your rating was not accepted (error {status}). Try later or contact the site.',
  paused: 'Ratings cannot be received right now (error {status}). Please try later.',
  unavailable: 'Rating is not available right now.',
  kioskThanks: 'Thank you for your rating!',
  launcher: 'Rate this service',
  launcherTitle: 'Rate this service',
  close: 'Close',
  piiWarning: 'Your comment seems to contain personal information. Comments are read by the service; consider removing it before submitting:',
  piiIdCard: 'ID card number',
  piiMobile: 'Mobile number',
  piiEmail: 'E-mail address',
  piiEdit: 'Edit comment',
  piiSendAnyway: 'Submit anyway',
  levelsHidden: 'This page does not show every rating level, so the rating cannot be submitted. Please contact the site.',
  hideLauncher: 'Hide the rating button',
};

const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** Maps any BCP 47 tag to the nearest supported locale; Traditional Chinese regions go to zh-TW. */
export function resolveLocale(lang: string | null | undefined): Locale {
  const tag = (lang ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
  if (tag.startsWith('en')) return 'en';
  return 'zh-CN';
}

export function messagesFor(locale: Locale, overrides?: Partial<Messages>): Messages {
  return { ...catalogs[locale], ...overrides };
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
