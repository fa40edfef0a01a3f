export default definePageConfig({ navigationBarTitleText: '盗版溯源' });
