// A React 18 or 19 app: <HcpRating> from haochaping/react-component, camelCase properties and onHcp* listeners.
import { useRef } from 'react';
import { HcpRating, type HcpRatingElement } from 'haochaping/react-component';

export function ServiceDone({ projectNo }: { projectNo: string }) {
  const ref = useRef<HcpRatingElement>(null);
  return (
    <HcpRating
      ref={ref}
      endpoint="/api/evaluations"
      projectNo={projectNo}
      taskCode="11440300MB2C92055T"
      scale="five-level"
      format="gov-cn"
      reasonOptional
      lang="zh-CN"
      className="rating"
      headers={{ 'X-App-Id': 'taro-h5' }}
      messages={{ submit: '提交评价' }}
      onHcpSent={(e) => console.log(e.detail.id, e.detail.status)}
      onHcpFailed={(e) => console.log(e.detail.reason, e.detail.code)}
      onHcpSubmit={(e) => {
        if (e.detail.level === 1) e.preventDefault();
      }}
      onHcpCase={(e) => console.log(e.detail.state, e.detail.dueDate)}
    >
      <a href="https://www.example.gov.cn/hcp">前往省级“好差评”平台评价</a>
    </HcpRating>
  );
}

export const wrongScale = (
  // @ts-expect-error scale is five-level or good-bad
  <HcpRating endpoint="/api" scale="ten-level" />
);

export const wrongHeaders = (
  // @ts-expect-error header values are strings
  <HcpRating endpoint="/api" headers={{ 'X-App-Id': 1 }} />
);

export const wrongEvent = (
  // @ts-expect-error hcp-sent detail has no reason
  <HcpRating endpoint="/api" onHcpSent={(e) => e.detail.reason} />
);

