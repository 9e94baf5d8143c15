// The script-tag bundle (dist/haochaping.min.js, built by rollup with terser's property mangling):
// configuration errors and catalogs must behave there exactly as in the npm build.
import { expect, oneEvent } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import type { ConfigIssue } from '../../src/config/parse.js';
import { allByRole, consoleDuring, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

before(async () => {
  const script = document.createElement('script');
  script.src = '/dist/haochaping.min.js';
  const loaded = oneEvent(script, 'load');
  document.head.append(script);
  await loaded;
});

/** Mounts a widget from the bundle with `attributes` and returns the issues it reports. */
async function issuesOf(attributes: Record<string, string>): Promise<ConfigIssue[]> {
  const el = document.createElement('hcp-rating') as HcpRating;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const errored = oneEvent(el, 'hcp-error');
  let issues!: ConfigIssue[];
  try {
    await consoleDuring('error', async () => {
      document.body.append(el);
      issues = (await errored).detail.issues;
    });
  } finally {
    el.remove();
  }
  return issues;
}

describe('validation in the script-tag bundle', () => {
  it('names the attribute and the place of a catalog problem', async () => {
    const issues = await issuesOf({ endpoint: '/api', tags: '{"version":"v1","tags":[{"code":"N01","label":"差","verdict":"meh"}]}' });
    expect(issues.map((i) => i.toJSON())).to.deep.equal([{ attribute: 'tags', code: 'invalid-catalog', message: 'tags (at tags.0.verdict): a tag verdict is "good" or "bad"' }]);
  });

  it('reports every problem at once, in order, with the same wording as the npm build', async () => {
    const issues = await issuesOf({ scale: 'stars', 'max-comment': 'many', 'project-no': '9'.repeat(65) });
    expect(issues.map((i) => i.attribute)).to.deep.equal(['endpoint', 'scale', 'project-no', 'max-comment']);
    expect(issues[1].message).to.equal('scale must be one of "five-level", "good-bad" (got "stars")');
    expect(issues[3].message).to.equal('max-comment must be a whole number of characters from 1 to 5000 (got "many")');
  });

  it('checks rules across attributes once each attribute is valid', async () => {
    const issues = await issuesOf({ endpoint: '/api', format: 'gov-cn', scale: 'good-bad' });
    expect(issues).to.have.length(1);
    expect(issues[0].attribute).to.equal('format');
    expect(issues[0].message).to.match(/^format="gov-cn" needs the five-level scale/);
  });

  it('accepts a valid inline catalog (labels trimmed) and sends its codes and version', async () => {
    const { endpoint, received } = newEndpoint();
    const el = document.createElement('hcp-rating') as HcpRating;
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('tags', JSON.stringify({ version: ' bundle-1 ', tags: [{ code: 'B1', label: '  窗口排队久  ', verdict: 'bad' }] }));
    document.body.append(el);
    await el.updateComplete;
    await rate(el, '不满意', ['窗口排队久']);
    expect(allByRole(el, 'checkbox')).to.have.length(1);
    await submitAndWait(el);
    expect(parseBody((await received())[0])).to.include({ tagVersion: 'bundle-1', level: 2 });
    expect(parseBody((await received())[0]).tags).to.deep.equal(['B1']);
    el.remove();
  });
});
