// A Preact app: `<hcp-rating>` in JSX with attributes, properties and onhcp-* listeners.
import 'haochaping/preact';
import { useRef } from 'preact/hooks';
import type { HcpRating } from 'haochaping';

export function ServiceDone({ projectNo }: { projectNo: string }) {
  const ref = useRef<HcpRating>(null);
  return (
    <hcp-rating
      ref={ref}
      endpoint="/api/evaluations"
      project-no={projectNo}
      task-code="11440300MB2C92055T"
      scale="five-level"
      format="gov-cn"
      reason-optional
      max-comment={300}
      lang="zh-CN"
      class="rating"
      headers={{ 'X-App-Id': 'demo' }}
      messages={{ submit: '提交评价' }}
      onhcp-sent={(e) => console.log(e.detail.id, e.detail.status, e.currentTarget.endpoint)}
      onhcp-failed={(e) => console.log(e.detail.reason)}
      onhcp-submit={(e) => {
        if (e.detail.level === 1) e.preventDefault();
      }}
    />
  );
}

// @ts-expect-error scale is five-level or good-bad
export const wrongScale = <hcp-rating endpoint="/api" scale="stars" />;

// @ts-expect-error mode is inline or kiosk
export const wrongMode = <hcp-rating endpoint="/api" mode="popup" />;

// @ts-expect-error headers are strings
export const wrongHeaders = <hcp-rating endpoint="/api" headers={{ 'X-App-Id': 1 }} />;

// @ts-expect-error hcp-sent's detail has no reason
export const wrongEvent = <hcp-rating endpoint="/api" onhcp-sent={(e) => e.detail.reason} />;
