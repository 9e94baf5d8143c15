/**
 * Pages of their own inside an iframe: a real viewport of any width in every engine (WebKit's
 * driver cannot resize the window), and a document where the SDK loads — or fails to.
 */
export interface FramePage {
  frame: HTMLIFrameElement;
  doc: Document;
  win: Window & typeof globalThis;
  remove(): void;
}

export async function framePage(
  body: string,
  { width = 320, height = 640, script = '/src/index.ts', head = '', src = '' } = {},
): Promise<FramePage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${width}px;height:${height}px;border:0;display:block`;
  const loading = script ? `<script type="module" src="${script}"></script>` : '';
  if (src) frame.src = src;
  else
    frame.srcdoc = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">${head}</head>
    <body>${body}${loading}</body></html>`;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  return { frame, doc: frame.contentDocument!, win, remove: () => frame.remove() };
}

/** Waits until `<hcp-rating>` is defined in the frame and every instance has rendered. */
export async function upgraded(page: FramePage): Promise<void> {
  await Promise.race([
    page.win.customElements.whenDefined('hcp-rating'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('hcp-rating was never defined in the frame')), 8000)),
  ]);
  for (const el of page.doc.querySelectorAll('hcp-rating')) await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}
