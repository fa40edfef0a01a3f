export default definePageConfig({
  navigationBarTitleText: '推荐',
  // Full-bleed video: the page draws its own header inside the safe area.
  navigationStyle: 'custom',
  disableScroll: true,
});
