// The fault switch on the start page: makes the demo collector answer 503 to the next
// three ratings (POST /api/fault), or clears that (DELETE /api/fault).
const state = document.getElementById('fault-state');
const FAULT = { status: 503, count: 3, retryAfter: 5 };

function show(fault) {
  state.textContent = fault
    ? `故障模拟中：接下来 ${fault.remaining} 次提交将收到 ${fault.status}` +
      (fault.retryAfter === undefined ? '' : `（Retry-After：${fault.retryAfter} 秒）`)
    : '正常：评价提交后立即保存';
  state.classList.toggle('fault', Boolean(fault));
}

async function call(method, body) {
  try {
    const response = await fetch('/api/fault', {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    show((await response.json()).fault);
  } catch (error) {
    state.textContent = `无法连接演示服务器（${error.message}），请确认 npm start 仍在运行。`;
    state.classList.add('fault');
  }
}

document.getElementById('fault-on').addEventListener('click', () => call('POST', FAULT));
document.getElementById('fault-off').addEventListener('click', () => call('DELETE'));
// The count goes down as ratings arrive in other tabs: refresh when coming back here.
document.addEventListener('visibilitychange', () => document.hidden || call('GET'));
call('GET');
