export default definePageConfig({
  navigationBarTitleText: '播放',
  // Full-screen vertical video: the page draws its own back button inside the safe area.
  navigationStyle: 'custom',
  disableScroll: true,
  // 分享: the platform's share card opens this episode for the recipient (features/share).
  enableShareAppMessage: true,
});
