export default definePageConfig({
  navigationBarTitleText: '全部剧集',
});
