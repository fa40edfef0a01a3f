export default definePageConfig({
  navigationBarTitleText: '金币充值',
});
