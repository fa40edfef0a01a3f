// Main package: only the entry and tab pages; everything else lives in a subpackage.
export default defineAppConfig({
  pages: ['pages/feed/index', 'pages/mine/index'],
  subPackages: [
    {
      root: 'packages/watch',
      pages: ['pages/series/index', 'pages/player/index', 'pages/list/index'],
    },
    {
      // Buying and the wallet. `pages/order/index` is also Douyin's order entry (orderEntrySchema).
      root: 'packages/pay',
      pages: ['pages/coins/index', 'pages/membership/index', 'pages/order/index', 'pages/ledger/index'],
    },
    {
      // Habits: daily check-in, reminder settings, the H5 sandbox's inbox. `pages/checkin/index` is
      // also where the check-in reminder leads (reminderPage in @drama/shared/reminders).
      root: 'packages/habits',
      pages: ['pages/checkin/index', 'pages/reminders/index', 'pages/inbox/index'],
    },
    {
      // Search as viewers type (characters or pinyin), from the home page's 搜索.
      root: 'packages/discovery',
      pages: ['pages/search/index'],
    },
    {
      // 玩这个场景: a generated scene stepped with 8 actions, from a drama frame or an album image.
      root: 'packages/scene',
      pages: ['pages/play/index'],
    },
    // The operators' console (H5 only): its forms use the browser's File and its charts ECharts in a
    // div, which tt/weapp cannot host (they would need canvas ports), and it must not weigh on the
    // mini-program's 2 MB package. Reached at #/packages/console/pages/login/index.
    ...(process.env.TARO_ENV === 'h5'
      ? [{ root: 'packages/console', pages: ['pages/login/index', 'pages/dashboard/index', 'pages/series/index', 'pages/editor/index', 'pages/prices/index', 'pages/comments/index', 'pages/trace/index'] }]
      : []),
  ],
  // Opening the feed makes the series and player pages likely next: fetch their code early. A
  // locked episode in the player leads to the coin store.
  preloadRule: {
    'pages/feed/index': { network: 'all', packages: ['packages/watch'] },
    'packages/watch/pages/player/index': { network: 'all', packages: ['packages/pay'] },
    'pages/mine/index': { network: 'all', packages: ['packages/habits'] },
  },
  window: {
    navigationBarTitleText: '微短剧',
    navigationBarBackgroundColor: '#000000',
    navigationBarTextStyle: 'white',
    backgroundColor: '#000000',
    backgroundTextStyle: 'light',
    // Taro's H5 router draws its navigation bar (with a back button) only when this says 'default'.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#8a8a8e',
    selectedColor: '#ffffff',
    backgroundColor: '#000000',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/feed/index', text: '推荐' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
});
