// The dashboard: polls the collector every 2 s and renders what it stored. Received data
// is only ever written with textContent, never parsed as HTML: comments come from citizens.
const REFRESH_MS = 2000;

const $ = (id) => document.getElementById(id);
let catalog = { version: '', tags: [] };
let tagLabels = new Map();
// Level and verdict names as the collector's /api/stats gives them (refreshed with each poll).
let levelLabels = {};
let verdictLabels = {};

/** A new element with text content (and optionally a class). */
function el(tag, text = '', className = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) tr.append(cell);
  return tr;
}

function emptyRow(columns, text) {
  const td = el('td', text, 'empty');
  td.colSpan = columns;
  return row([td]);
}

const percent = (n, total) => (total ? `${Math.round((n / total) * 100)}%` : '—');

function renderStats(stats) {
  levelLabels = Object.fromEntries(stats.levels.map((l) => [l.level, l.label]));
  verdictLabels = Object.fromEntries(stats.verdicts.map((v) => [v.verdict, v.label]));
  $('total-all').textContent = String(stats.total);
  const verdict = Object.fromEntries(stats.verdicts.map((v) => [v.verdict, v.count]));
  $('total-good').textContent = String(verdict.good ?? 0);
  $('total-bad').textContent = String(verdict.bad ?? 0);

  const fiveLevelTotal = stats.levels.reduce((sum, l) => sum + l.count, 0);
  $('levels').replaceChildren(
    ...stats.levels.map(({ level, label, count }) => {
      const meter = document.createElement('meter');
      meter.min = 0;
      meter.max = Math.max(1, fiveLevelTotal);
      meter.value = count;
      // The number and the share are in the cells next to it; the bar is for the eye only.
      meter.setAttribute('aria-hidden', 'true');
      const bar = el('td', '', 'bar-cell');
      bar.append(meter);
      const th = el('th', label, level <= 2 ? 'verdict-bad' : '');
      th.scope = 'row';
      return row([th, el('td', String(count), 'num'), el('td', percent(count, fiveLevelTotal), 'num'), bar]);
    }),
  );

  $('tags').replaceChildren(
    ...(stats.tags.length
      ? stats.tags.map(({ code, label, count }) => row([el('td', label ?? '（未知标签）'), el('td', code), el('td', String(count), 'num')]))
      : [emptyRow(3, '还没有评价选择原因。')]),
  );
}

/** One stored evaluation as a small card: a list reads well on a 320 px phone, a wide table does not. */
function card(e) {
  const time = new Date(e.createdAt);
  const rating = e.level ? `${levelLabels[e.level] ?? e.level}（${verdictLabels[e.verdict]}）` : verdictLabels[e.verdict] ?? e.verdict;
  // Codes only mean the default catalog's labels when the rating used that catalog.
  const label = (code) => (e.tagVersion === catalog.version && tagLabels.get(code)) || code;
  const facts = [
    ['时间', Number.isNaN(time.getTime()) ? '—' : time.toLocaleString('zh-CN', { hour12: false })],
    ['评价', rating, e.verdict === 'bad' ? 'verdict-bad' : ''],
    ['原因', (e.tags ?? []).map(label).join('、') || '—'],
    ['意见', e.comment ?? '—', 'comment'],
    ['事项', e.taskName ?? e.taskCode ?? '—'],
  ];
  const dl = el('dl', '', 'facts');
  for (const [term, value, className] of facts) dl.append(el('dt', term), el('dd', value, className));
  const li = el('li', '', 'card');
  li.append(dl);
  return li;
}

function renderLatest({ evaluations }) {
  $('latest').replaceChildren(
    ...(evaluations.length ? evaluations.map(card) : [el('li', '还没有收到评价。打开一个演示页面提交一条评价试试。', 'empty')]),
  );
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

async function refresh() {
  try {
    const [stats, latest] = await Promise.all([getJson('/api/stats'), getJson('/api/evaluations?limit=20')]);
    renderStats(stats);
    renderLatest(latest);
    $('updated').textContent = `更新于 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
  } catch (error) {
    $('updated').textContent = `无法连接演示服务器（${error.message}），请确认 npm start 仍在运行。`;
  }
}

async function start() {
  try {
    catalog = await getJson('/api/catalog');
    tagLabels = new Map(catalog.tags.map((t) => [t.code, typeof t.label === 'string' ? t.label : t.label['zh-CN']]));
  } catch {
    // Without labels the codes are shown; the next refresh reports a dead server.
  }
  await refresh();
  // One request at a time, and none while the tab is hidden.
  const tick = async () => {
    if (!document.hidden) await refresh();
    setTimeout(tick, REFRESH_MS);
  };
  setTimeout(tick, REFRESH_MS);
}

start();
