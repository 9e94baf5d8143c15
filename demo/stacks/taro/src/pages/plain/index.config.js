export default { navigationBarTitleText: '直接写 <hcp-rating>（React 19 的写法）' };
