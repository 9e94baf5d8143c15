// A 办件结果 page of a Taro (React 18) H5 app: <HcpRating> from haochaping/react-component sets
// headers and messages as properties and adds the onHcp* listeners, which React 18 does not do
// for <hcp-rating> written directly (see ../plain/index.jsx).
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HcpRating } from 'haochaping/react-component';

// Constants outside the component: the same objects on every render.
const headers = { 'X-Demo-Framework': 'taro' };
const messages = { submit: '提交本次评价' };

export default function Index() {
  const [log, setLog] = useState([]);
  const note = (line) => setLog((lines) => [...lines, line]);
  return (
    <View className="card">
      <Text className="heading">办件已办结：城乡居民养老保险参保登记</Text>
      <HcpRating
        endpoint="/api/evaluations"
        projectNo="DEMO-TARO-0001"
        taskCode="11440300MB2C92055T4440111006000"
        taskName="城乡居民养老保险参保登记"
        deptName="某市社会保险基金管理局"
        headers={headers}
        messages={messages}
        onHcpQueued={(e) => note(`已保存：${e.detail.id}`)}
        onHcpSent={(e) => note(`已提交（HTTP ${e.detail.status}）：${e.detail.id}`)}
        onHcpFailed={(e) => note(`被拒绝（HTTP ${e.detail.status}）：${e.detail.reason}`)}
      />
      <Text className="heading">组件事件</Text>
      <View className="event-log">
        {log.map((line, i) => (
          <View key={i}>{line}</View>
        ))}
      </View>
    </View>
  );
}
