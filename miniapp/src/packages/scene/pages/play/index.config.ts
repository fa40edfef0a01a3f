export default definePageConfig({
  navigationBarTitleText: '玩这个场景',
});
