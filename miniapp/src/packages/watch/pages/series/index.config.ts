export default definePageConfig({
  navigationBarTitleText: '剧集',
});
