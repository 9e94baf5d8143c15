// What NOT to do under React 18: <hcp-rating> written as React 19 apps write it. React 18 sets
// every prop of a custom element as an attribute, so `headers` becomes headers="[object Object]"
// (the header is never sent), and it knows no `onhcp-*` listeners (the app never hears hcp-sent).
// The rating is still delivered, so nobody notices. test/node/demo-stacks.test.mjs shows both.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import 'haochaping';

const headers = { 'X-Demo-Framework': 'taro' };

export default function Plain() {
  const [log, setLog] = useState([]);
  return (
    <View className="card">
      <Text className="heading">办件已办结：城乡居民养老保险待遇申领</Text>
      <hcp-rating
        endpoint="/api/evaluations"
        project-no="DEMO-TARO-PLAIN-0001"
        task-code="11440300MB2C92055T4440111007000"
        task-name="城乡居民养老保险待遇申领"
        headers={headers}
        onhcp-sent={(e) => setLog((lines) => [...lines, `已提交（HTTP ${e.detail.status}）：${e.detail.id}`])}
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
