// A plain TypeScript page: the tag name and the hcp-* events are typed once haochaping is imported.
import 'haochaping';
import { ConfigError, type ConfigErrorCode, type HcpRating } from 'haochaping';

const el = document.createElement('hcp-rating');
const typed: HcpRating = el;
typed.endpoint = '/api/evaluations';
typed.headers = { 'X-App-Id': 'demo' };
// @ts-expect-error headers are strings
typed.headers = { 'X-App-Id': 1 };
// The properties are typed from the configuration table: values where there is a choice.
typed.taskCode = '11440300MB2C92055T';
typed.scale = 'good-bad';
typed.reasonOptional = true;
typed.maxComment = 300;
// @ts-expect-error scale is five-level or good-bad
typed.scale = 'stars';
// @ts-expect-error mode is inline or kiosk
typed.mode = 'popup';
// @ts-expect-error no such configuration key
typed.taskcode = 'x';

// Configuration problems are ConfigErrors with an attribute and a code.
el.addEventListener('hcp-error', (e) => {
  const [first] = e.detail.issues;
  const attribute: string = first.attribute;
  const code: ConfigErrorCode = first.code;
  const isError: boolean = first instanceof ConfigError;
  void [attribute, code, isError];
});

el.addEventListener('hcp-sent', (e) => {
  const id: string = e.detail.id;
  const status: number = e.detail.status;
  void id;
  void status;
});
el.addEventListener('hcp-failed', (e) => {
  const reason: string = e.detail.reason;
  void reason;
});
el.addEventListener('hcp-error', (e) => {
  const attributes: string[] = e.detail.issues.map((i) => i.attribute);
  void attributes;
});
el.addEventListener('hcp-submit', (e) => {
  const level: number | undefined = e.detail.level;
  void level;
  // @ts-expect-error the payload handed to listeners is read-only
  e.detail.comment = 'changed';
});
window.addEventListener('hcp-queued', (e) => {
  const durable: boolean = e.detail.durable;
  void durable;
  // @ts-expect-error no such detail field
  void e.detail.nope;
});
document.querySelector('hcp-rating')?.addEventListener('hcp-sent', (e) => void e.detail.status);
