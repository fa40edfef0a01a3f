export default definePageConfig({ navigationBarTitleText: '编辑剧集' });
