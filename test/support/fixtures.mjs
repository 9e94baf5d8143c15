import { randomBytes } from 'node:crypto';

/** A fresh UUID v7, as the widget mints them. */
export function uuidv7() {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * HAND-BUILT FIXTURE: a canonical evaluation (SPEC §4) written by hand to exercise servers
 * and the schema. It is not produced by the widget and proves nothing about the widget; the
 * browser and end-to-end tests check what the real widget sends.
 */
export function evaluationFixture(overrides = {}) {
  return {
    schema: 'haochaping.evaluation/1',
    id: uuidv7(),
    createdAt: '2025-11-04T15:30:00.000+08:00',
    sentAt: '2025-11-04T15:30:01.000+08:00',
    attempt: 1,
    scale: 'five-level',
    level: 2,
    verdict: 'bad',
    tags: ['N01', 'N08'],
    tagVersion: 'default-1',
    comment: '窗口排队等了一个多小时。（测试数据）',
    projectNo: 'TEST-0001',
    taskCode: 'TEST-TASK',
    taskName: '测试事项',
    areaCode: '440300',
    channel: 'pc',
    assessNumber: 1,
    page: 'https://www.example.gov.cn/service.html',
    locale: 'zh-CN',
    dwellMs: 5230,
    sdkVersion: '0.1.0',
    ...overrides,
  };
}
