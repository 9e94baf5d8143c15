export default { navigationBarTitleText: '办件评价' };
