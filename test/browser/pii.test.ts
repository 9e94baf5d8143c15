import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { findPii, maskPii } from '../../src/schema/pii.js';
import type { HcpRating } from '../../src/index.js';
import { allByRole, click, consoleDuring, focused, getByRole, mount, newEndpoint, parseBody, press, rate, sleep, type } from './helpers.js';

/** GB 11643 check character computed the long way (2^(17-i) mod 11 weights), independent of the module. */
function withCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return first17 + '10X98765432'[sum % 11];
}

const kinds = (text: string) => findPii(text).map((f) => `${f.kind}:${f.text}`);

describe('PII guard: findPii', () => {
  it('finds an 18-character 身份证号 with a valid check digit, X or x included', () => {
    expect(kinds('证号110101199003074514谢谢')).to.deep.equal(['idCard:110101199003074514']);
    expect(kinds('GB 11643 的示例 11010519491231002X')).to.deep.equal(['idCard:11010519491231002X']);
    expect(kinds('小写 11010519491231002x')).to.deep.equal(['idCard:11010519491231002x']);
    const generated = withCheckDigit('44030420010229123'); // 2001-02-29 does not exist
    expect(kinds(generated), 'impossible birth date').to.deep.equal([]);
    const leap = withCheckDigit('44030420000229123');
    expect(kinds(`号码${leap}`)).to.deep.equal([`idCard:${leap}`]);
  });

  it('ignores 18 characters whose check digit is wrong', () => {
    for (const last of '0123456789X'.replace('4', '')) {
      expect(findPii(`110101199003074${'51'}${last}`).filter((f) => f.kind === 'idCard'), last).to.deep.equal([]);
    }
    expect(findPii('11010519491231002Y')).to.deep.equal([]);
  });

  it('finds the 15-digit legacy form when its birth date is plausible', () => {
    expect(kinds('老身份证 110105491231002')).to.deep.equal(['idCard:110105491231002']);
    expect(kinds('110105491331002'), 'month 13').to.deep.equal([]);
  });

  it('does not match numbers inside longer digit runs', () => {
    expect(findPii('办件编号 2110101199003074514')).to.deep.equal([]);
    expect(findPii('1101011990030745140')).to.deep.equal([]);
    expect(findPii('金额 913812345678 元')).to.deep.equal([]);
    expect(findPii('13812345678901')).to.deep.equal([]);
    expect(findPii('0213812345678')).to.deep.equal([]);
  });

  it('reads full-width digits and symbols, reporting offsets and text of the original', () => {
    const text = '手机１３８１２３４５６７８，证件１１０１０１１９９００３０７４５１４';
    const found = findPii(text);
    expect(found.map((f) => f.kind)).to.deep.equal(['mobile', 'idCard']);
    for (const f of found) expect(text.slice(f.start, f.end)).to.equal(f.text);
    expect(found[0].text).to.equal('１３８１２３４５６７８');
    expect(kinds('邮箱 ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).to.deep.equal(['email:ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ']);
  });

  it('finds mainland mobile numbers with +86 or separators, not other numbers', () => {
    expect(kinds('电话13812345678')).to.deep.equal(['mobile:13812345678']);
    expect(kinds('电话 138 1234 5678')).to.deep.equal(['mobile:138 1234 5678']);
    expect(kinds('电话 139-1234-5678')).to.deep.equal(['mobile:139-1234-5678']);
    expect(kinds('电话 +86 13812345678')).to.deep.equal(['mobile:+86 13812345678']);
    expect(kinds('电话 8619912345678')).to.deep.equal(['mobile:8619912345678']);
    expect(findPii('12812345678'), '12x is not a mobile prefix').to.deep.equal([]);
    expect(findPii('座机 0755-12345678')).to.deep.equal([]);
  });

  it('finds e-mail addresses, reporting one address that starts with a phone number once', () => {
    expect(kinds('联系 zhang.san+hcp@mail.example.gov.cn。')).to.deep.equal(['email:zhang.san+hcp@mail.example.gov.cn']);
    expect(kinds('13812345678@qq.com')).to.deep.equal(['email:13812345678@qq.com']);
    expect(findPii('@ 不是地址 a@b')).to.deep.equal([]);
  });

  it('returns several findings in order with exact offsets', () => {
    const text = '我叫张三，电话13812345678，身份证110101199003074514，邮箱 a@example.com';
    const found = findPii(text);
    expect(found.map((f) => f.kind)).to.deep.equal(['mobile', 'idCard', 'email']);
    for (const f of found) expect(text.slice(f.start, f.end)).to.equal(f.text);
    expect(findPii('窗口排队太久了，希望多开几个窗口。')).to.deep.equal([]);
  });

  it('masks the middle so the warning shows which part without repeating it whole', () => {
    const [id, phone, mail] = findPii('110101199003074514 138 1234 5678 zhang@example.com');
    expect(maskPii(id)).to.equal('1101**********4514');
    expect(maskPii(phone)).to.equal('138 **** 5678');
    expect(maskPii(mail)).to.equal('z****@example.com');
  });
});

async function typeComment(el: HcpRating, text: string) {
  await click(getByRole(el, 'textbox'));
  await type(text);
  await el.updateComplete;
}

function warning(el: HcpRating): HTMLElement | undefined {
  return allByRole(el, 'alert').find((a) => a.id === 'pii-warning');
}

describe('PII guard in <hcp-rating>', () => {
  const comment = '办理顺利，我的身份证号110101199003074514，有问题请联系';

  it('holds a comment with an ID number back, names it, and sends nothing', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    let submits = 0;
    el.addEventListener('hcp-submit', () => submits++);
    await rate(el, '满意');
    await typeComment(el, comment);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    const alert = warning(el)!;
    expect(alert.textContent).to.contain('身份证号').and.contain('1101**********4514');
    const textbox = getByRole(el, 'textbox');
    expect(textbox.getAttribute('aria-invalid')).to.equal('true');
    expect(textbox.getAttribute('aria-describedby')!.split(' ')).to.include('pii-warning');
    expect((textbox as HTMLTextAreaElement).value, 'never rewritten').to.equal(comment);
    getByRole(el, 'button', '返回修改');
    getByRole(el, 'button', '仍然提交');
    await sleep(200);
    expect(submits).to.equal(0);
    expect(await received()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('“返回修改” focuses the comment with the number selected; deleting it lets the rating through', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await typeComment(el, comment);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    await click(getByRole(el, 'button', '返回修改'));
    const textbox = getByRole<HTMLTextAreaElement>(el, 'textbox');
    expect(focused()).to.equal(textbox);
    expect(textbox.value.slice(textbox.selectionStart, textbox.selectionEnd)).to.equal('110101199003074514');
    await press('Backspace');
    await el.updateComplete;
    expect(warning(el)!.textContent!.trim(), 'the warning goes once the number is gone').to.equal('');
    expect(textbox.hasAttribute('aria-invalid')).to.equal(false);
    const sent = oneEvent(el, 'hcp-sent');
    await click(getByRole(el, 'button', '提交评价'));
    await sent;
    const requests = await received();
    expect(requests).to.have.length(1);
    expect(parseBody(requests[0]).comment).to.equal('办理顺利，我的身份证号，有问题请联系');
  });

  it('“仍然提交” sends the comment unchanged, once', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await typeComment(el, '电话 138 1234 5678');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(warning(el)!.textContent).to.contain('手机号码').and.contain('138 **** 5678');
    const sent = oneEvent(el, 'hcp-sent');
    await click(getByRole(el, 'button', '仍然提交'));
    await sent;
    await sleep(200);
    const requests = await received();
    expect(requests).to.have.length(1);
    expect(parseBody(requests[0]).comment).to.equal('电话 138 1234 5678');
  });

  it('“仍然提交” only submits from a real user action', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await typeComment(el, 'zhang@example.com');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    await consoleDuring('warn', () => {
      getByRole(el, 'button', '仍然提交').click();
      getByRole(el, 'button', '仍然提交').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    await sleep(200);
    expect(await received()).to.have.length(0);
    expect(warning(el)!.textContent).to.contain('电子邮箱');
  });

  it('speaks English with lang="en"', async () => {
    const el = await mount(html`<hcp-rating lang="en" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await rate(el, 'Satisfied');
    await typeComment(el, 'call me on 13812345678');
    await click(getByRole(el, 'button', 'Submit rating'));
    await el.updateComplete;
    expect(warning(el)!.textContent).to.contain('Mobile number');
    getByRole(el, 'button', 'Edit comment');
    getByRole(el, 'button', 'Submit anyway');
  });
});
