export default definePageConfig({ navigationBarTitleText: '剧集管理' });
