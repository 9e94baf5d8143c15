/**
 * Example forward target: POSTs each stored rating in the gov-cn field names (toGovCn(), SPEC §4)
 * as JSON to HCP_FORWARD_URL, with `Idempotency-Key: <evaluationId>`. Copy it and adapt it to
 * your provincial system (signing, encryption, field names, business codes).
 *
 *   HCP_FORWARD_URL=https://hcp.example.gov.cn/api/evaluation \
 *   HCP_FORWARD_HEADERS='{"X-Api-Key":"…"}' \
 *   npx haochaping-collector --target ./node_modules/haochaping/collector/targets/gov-cn-json.mjs
 *
 * What decides the outcome (the forwarder: 2xx sent; 400/409/422 dead letter; else retried):
 * - the HTTP status, and Retry-After when the gateway sends one;
 * - for an HTTP 2xx, the gateway's own verdict in a JSON body, since many answer 200 with
 *   `{"code": "500", "msg": "…"}`: see verdictOf() below;
 * - a rating the mapping cannot express (the good-bad scale has no satisfaction level) is a
 *   mapping error: a dead letter at once.
 * A rating a reviewer overturned on appeal before it was forwarded is sent unchanged with the
 * header `X-Hcp-Appeal: overturned`.
 */

const url = process.env.HCP_FORWARD_URL;
if (!url || !/^https?:\/\//.test(url)) {
  throw new Error('gov-cn-json: set HCP_FORWARD_URL to the http(s) URL that receives the gov-cn JSON');
}
let extraHeaders = {};
if (process.env.HCP_FORWARD_HEADERS) {
  try {
    extraHeaders = JSON.parse(process.env.HCP_FORWARD_HEADERS);
  } catch (error) {
    throw new Error(`gov-cn-json: HCP_FORWARD_HEADERS must be a JSON object of header names and values: ${error.message}`);
  }
}

const SUCCESS_CODES = new Set(['0', '00', '000', '0000', '200', 'success', 'ok']);

/**
 * The outcome for an HTTP 2xx answer whose body is `text`: `{ status }` as the forwarder reads
 * it. A JSON body with `success: false` or a `code` other than a success code is a failure:
 * a code from 400 to 499 (except 408 and 429) means "refused" and becomes 422 — a dead letter,
 * sent again only after repush — and any other code becomes 502, retried with backoff.
 * A body that is not JSON, or JSON without `code` / `success`, is a success.
 */
export function verdictOf(status, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { status };
  }
  if (!body || typeof body !== 'object') return { status };
  const code = body.code ?? body.resultCode ?? body.errcode;
  const message = String(body.msg ?? body.message ?? body.errmsg ?? '').slice(0, 100);
  const failed = body.success === false || (code !== undefined && code !== null && !SUCCESS_CODES.has(String(code).trim().toLowerCase()));
  if (!failed) return { status };
  const numeric = Number(code);
  const refused = Number.isInteger(numeric) && numeric >= 400 && numeric < 500 && numeric !== 408 && numeric !== 429;
  return { status: refused ? 422 : 502, error: `the gateway answered HTTP ${status} with code ${code ?? '(none)'}${message ? `: ${message}` : ''}` };
}

export async function send(evaluation, { toGovCn, fetch, signal, idempotencyKey, appeal }) {
  const body = JSON.stringify(toGovCn(evaluation));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
      // Overturned on appeal (申诉复核) before it left: the rating as given, marked. Adapt this to
      // your provincial system's own field for excluded ratings, if it has one.
      ...(appeal ? { 'X-Hcp-Appeal': appeal } : {}),
      ...extraHeaders,
    },
    body,
    signal,
    redirect: 'manual',
  });
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  if (response.status < 200 || response.status >= 300) {
    await response.body?.cancel();
    return { status: response.status, retryAfter, error: `the gateway answered HTTP ${response.status}` };
  }
  return { ...verdictOf(response.status, await response.text()), retryAfter };
}
