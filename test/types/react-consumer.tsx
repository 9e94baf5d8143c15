// A React 19 app: `<hcp-rating>` in JSX with attributes, properties and hcp-* event props.
import 'haochaping/react';
import { useRef } from 'react';
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
      lang="zh-CN"
      className="rating"
      headers={{ 'X-App-Id': 'demo' }}
      messages={{ submit: '提交评价' }}
      onhcp-sent={(e) => console.log(e.detail.id, e.detail.status)}
      onhcp-failed={(e) => console.log(e.detail.reason)}
      onhcp-submit={(e) => {
        if (e.detail.level === 1) e.preventDefault();
      }}
    />
  );
}

export const wrongScale = (
  // @ts-expect-error scale is five-level or good-bad
  <hcp-rating endpoint="/api" scale="ten-level" />
);

export const wrongEvent = (
  // @ts-expect-error hcp-sent detail has no reason
  <hcp-rating endpoint="/api" onhcp-sent={(e) => e.detail.reason} />
);
