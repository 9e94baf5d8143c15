import type { Catalog } from './catalog.js';

/**
 * The default reason tags. Codes and zh-CN labels are fixed by the product contract:
 * servers aggregate by code, and integrators' checks find tags by these labels.
 */
export const defaultCatalog: Catalog = {
  version: 'default-1',
  tags: [
    { code: 'P01', verdict: 'good', label: { 'zh-CN': '办事效率高', 'zh-TW': '辦事效率高', en: 'Quick and efficient' } },
    { code: 'P02', verdict: 'good', label: { 'zh-CN': '服务态度热情', 'zh-TW': '服務態度熱情', en: 'Friendly staff' } },
    { code: 'P03', verdict: 'good', label: { 'zh-CN': '办事指南清晰准确', 'zh-TW': '辦事指南清晰準確', en: 'Clear, accurate guidance' } },
    { code: 'P04', verdict: 'good', label: { 'zh-CN': '一次办好无需跑动', 'zh-TW': '一次辦好無需跑動', en: 'Done in one visit' } },
    { code: 'P05', verdict: 'good', label: { 'zh-CN': '网上办理便捷', 'zh-TW': '網上辦理便捷', en: 'Easy to do online' } },
    { code: 'P06', verdict: 'good', label: { 'zh-CN': '业务熟练专业', 'zh-TW': '業務熟練專業', en: 'Skilled and professional' } },
    { code: 'N01', verdict: 'bad', label: { 'zh-CN': '服务态度差', 'zh-TW': '服務態度差', en: 'Unfriendly staff' } },
    { code: 'N02', verdict: 'bad', label: { 'zh-CN': '办事效率低', 'zh-TW': '辦事效率低', en: 'Slow to get done' } },
    { code: 'N03', verdict: 'bad', label: { 'zh-CN': '办事指南不清晰或不准确', 'zh-TW': '辦事指南不清晰或不準確', en: 'Unclear or wrong guidance' } },
    { code: 'N04', verdict: 'bad', label: { 'zh-CN': '多次跑动/来回跑', 'zh-TW': '多次跑動/來回跑', en: 'Had to come back several times' } },
    { code: 'N05', verdict: 'bad', label: { 'zh-CN': '要求提供指南以外的材料', 'zh-TW': '要求提供指南以外的材料', en: 'Asked for documents not in the guide' } },
    { code: 'N06', verdict: 'bad', label: { 'zh-CN': '未在承诺时限内办结', 'zh-TW': '未在承諾時限內辦結', en: 'Not finished in the promised time' } },
    { code: 'N07', verdict: 'bad', label: { 'zh-CN': '系统操作不便', 'zh-TW': '系統操作不便', en: 'Hard-to-use system' } },
    { code: 'N08', verdict: 'bad', label: { 'zh-CN': '等待时间长', 'zh-TW': '等待時間長', en: 'Long wait' } },
    { code: 'N99', verdict: 'bad', label: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' } },
  ],
};
