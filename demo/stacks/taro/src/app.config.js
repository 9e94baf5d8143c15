export default {
  pages: ['pages/index/index', 'pages/plain/index'],
  window: {
    navigationBarTitleText: '办件评价',
    navigationBarBackgroundColor: '#f8f8f8',
    navigationBarTextStyle: 'black',
  },
};
