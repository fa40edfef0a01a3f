// The console draws its own navigation; Taro's H5 bar, sized for phones, would sit above it.
export default definePageConfig({ navigationBarTitleText: '评论审核', navigationStyle: 'custom' });
