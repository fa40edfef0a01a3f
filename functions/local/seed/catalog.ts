// Demo catalog for the local stack: three original short dramas (逆袭 / 甜宠 / 悬疑), twelve episodes
// each, written for this project. Subtitle timings are derived from line length (reading speed) so the
// scripts stay easy to edit; everything exported is plain typed data.

export interface SeedLine { speaker?: string; text: string; startS: number; endS: number }
export interface SeedEpisode { index: number; title: string; durationS: number; lines: SeedLine[] }

/** What drives the rendering of a series: painted backdrop, palette, motion, type and soundtrack mood. */
export interface SeedLook {
  /** Painted backdrop (see render.ts / scenes). */
  scene: 'ballroom' | 'skyline' | 'rainy-street';
  palette: {
    /** Background gradient, top to bottom. */
    sky: string[];
    /** Episode badge, speaker names, genre tag. */
    accent: string;
    /** Rim light / particles / light leaks. */
    glow: string;
    /** Silhouettes and deep shadows. */
    shadow: string;
  };
  /** Moving layer over the backdrop. */
  particles: 'embers' | 'bokeh' | 'rain';
  /** A slow warm light sweeping across the frame. */
  lightLeak: boolean;
  /** Occasional lightning flashes. */
  lightning: boolean;
  /** Title face and size (cover title; the in-video title card scales from it). */
  titleFont: 'serif' | 'sans';
  titleFontSize: number;
  /** Soundtrack mood. */
  mood: 'tense' | 'sweet' | 'eerie';
  /** Seeds the painter so a look always paints the same picture. */
  seed: number;
}

export interface SeedSeries {
  id: string;
  title: string;
  genre: '逆袭' | '甜宠' | '悬疑';
  synopsis: string;
  tags: string[];
  /** 主演: the leads as the credits name them. */
  cast: string[];
  freeEpisodes: number;
  episodePriceCoins: number;
  seriesPriceFen: number;
  look: SeedLook;
  episodes: SeedEpisode[];
}

/** A script line: [speaker, text]; speaker null for narration / scene captions. */
type Script = Array<[string | null, string]>;

/** Seconds reserved at the start for the title card and at the end for the 未完待续 tag. */
export const TITLE_CARD_S = 2.2;
export const END_TAG_S = 1.6;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Time the lines by reading speed (about 5.5 characters a second, 1.8–4 s each) after the title card. */
function ep(index: number, title: string, script: Script): SeedEpisode {
  let t = TITLE_CARD_S + 0.2;
  const lines: SeedLine[] = script.map(([speaker, text]) => {
    const chars = [...text].length;
    const d = round1(Math.min(4, Math.max(1.8, 0.9 + chars * 0.18)));
    const line: SeedLine = { ...(speaker ? { speaker } : {}), text, startS: round1(t), endS: round1(t + d) };
    t = t + d + 0.3;
    return line;
  });
  const last = lines[lines.length - 1].endS;
  const durationS = Math.max(10, Math.ceil(last + END_TAG_S));
  if (durationS > 30) throw new Error(`seed catalog: episode ${index} 「${title}」 runs ${durationS}s (> 30s); shorten its script`);
  return { index, title, durationS, lines };
}

const heiress: SeedSeries = {
  id: 'the-heiress-returns',
  title: '千金归来',
  genre: '逆袭',
  synopsis:
    '订婚宴上，林晚被未婚夫顾承泽当众退婚，还被嘲笑是高攀豪门的乡下丫头。没人知道，她是首富苏家失散二十年的亲生女儿。这一次，她要把欠她的，一样一样拿回来。',
  tags: ['逆袭', '打脸', '真假千金', '豪门'],
  cast: ['林晚', '顾承泽', '白薇薇'],
  freeEpisodes: 3,
  episodePriceCoins: 40,
  seriesPriceFen: 2990,
  look: {
    scene: 'ballroom',
    palette: { sky: ['#12030a', '#4a0c1c', '#2a0610', '#070204'], accent: '#e8b04a', glow: '#ffc46b', shadow: '#0a0306' },
    particles: 'embers',
    lightLeak: true,
    lightning: false,
    titleFont: 'serif',
    titleFontSize: 92,
    mood: 'tense',
    seed: 11,
  },
  episodes: [
    ep(1, '退婚宴', [
      [null, '顾家订婚宴，满堂宾客。'],
      ['顾承泽', '林晚，这婚，我退了。'],
      ['白薇薇', '一个乡下丫头，也配进顾家的门？'],
      ['顾承泽', '这张支票，够你回乡下过一辈子。'],
      ['林晚', '顾承泽，你会后悔的。'],
      [null, '门外，十辆黑色轿车同时停下。'],
      ['陈叔', '大小姐，苏董派我们来接您回家。'],
    ]),
    ep(2, '首富千金？', [
      ['白薇薇', '演得真像，租这些车花了不少钱吧？'],
      ['陈叔', '这位是苏氏集团苏董的独生女。'],
      ['顾母', '苏家？她一个孤儿……怎么可能！'],
      ['林晚', '顾承泽，支票你留着。'],
      ['林晚', '以后，你会用得上。'],
      [null, '车里，林晚拨通了一个电话。'],
      ['林晚', '爸，顾氏的合作，停了吧。'],
    ]),
    ep(3, '顾氏危机', [
      [null, '第二天一早，顾氏集团。'],
      ['秘书', '顾总！苏氏撤资，三个项目全停了！'],
      ['顾承泽', '不可能……她哪来这么大的本事？'],
      ['白薇薇', '别慌，我有办法让她身败名裂。'],
      [null, '当晚，一段视频冲上热搜。'],
      ['白薇薇', '大家看清楚，她偷了顾家的传家玉镯！'],
    ]),
    ep(4, '晚宴风波', [
      [null, '苏氏集团三十周年晚宴。'],
      ['白薇薇', '保安！这个小偷怎么混进来了？'],
      ['宾客', '穿成这样，也敢来苏家的场子？'],
      ['保安', '小姐，请出示您的邀请函。'],
      ['林晚', '我回自己家，还需要邀请函？'],
      ['主持人', '有请苏氏集团唯一继承人——'],
      ['主持人', '苏晚小姐！'],
    ]),
    ep(5, '当众打脸', [
      [null, '追光灯，落在了林晚身上。'],
      ['白薇薇', '不……不可能，她就是苏晚？'],
      ['顾承泽', '晚晚，是我糊涂，我们重新开始。'],
      ['林晚', '你的支票，还给你。'],
      ['林晚', '顾少，这回轮到你回乡下了。'],
      [null, '林晚的目光，落在白薇薇的手腕上。'],
      ['林晚', '那是我妈妈留给我的镯子。'],
    ]),
    ep(6, '玉镯之谜', [
      ['白薇薇', '胡说！这是我白家的传家宝！'],
      ['林晚', '镯子内圈刻着字，你敢摘下来吗？'],
      [null, '玉镯内侧，一个“晚”字清清楚楚。'],
      ['白薇薇', '苏伯伯！我才是您的亲生女儿！'],
      ['苏振华', '你说什么？'],
      ['白薇薇', '亲子鉴定，明天就出结果。'],
    ]),
    ep(7, '假报告', [
      [null, '第二天，鉴定中心。'],
      ['医生', '白薇薇与苏先生，亲子关系成立。'],
      ['苏振华', '晚晚，这到底是怎么回事？'],
      ['白薇薇', '姐姐，冒牌货就该自己走。'],
      ['林晚', '爸，您先别急。'],
      ['林晚', '这份样本，是谁送去鉴定中心的？'],
    ]),
    ep(8, '监控真相', [
      ['陈叔', '大小姐，鉴定中心的监控调出来了。'],
      [null, '画面里，白母偷偷换掉了样本。'],
      ['白薇薇', '妈？你怎么会……'],
      ['白母', '薇薇，别说了！'],
      ['林晚', '二十年前把我丢在雪地里的，也是你吧？'],
      ['白母', '……是我。可我是受人指使！'],
    ]),
    ep(9, '跪地求饶', [
      [null, '一个月后，顾氏宣告破产。'],
      ['顾承泽', '晚晚，求你给顾家留条活路！'],
      ['林晚', '当初你说，我配不上你。'],
      ['林晚', '现在，你配不上我的时间。'],
      ['秘书', '苏总，顾氏的债务被人全部收购了。'],
      ['林晚', '谁？'],
      ['秘书', '傅氏集团，傅砚。'],
    ]),
    ep(10, '神秘傅总', [
      ['傅砚', '苏小姐，我们又见面了。'],
      ['林晚', '又？我们见过？'],
      ['傅砚', '十年前，乡下河边，你救过一个落水的少年。'],
      ['傅砚', '这份人情，我用顾氏的债来还。'],
      ['林晚', '傅总想要什么？'],
      ['傅砚', '提醒你一句，小心你二叔。'],
    ]),
    ep(11, '董事会', [
      ['苏振业', '一个乡下丫头，凭什么坐这个位置？'],
      ['苏振业', '我提议，罢免苏晚的继承权！'],
      ['股东', '二爷占股百分之二十五，我们跟了。'],
      ['林晚', '二叔，听说过匿名股东“W”吗？'],
      ['林晚', '百分之三十的股份，在我手里。'],
      [null, '散会后，苏振业拨通了一个号码。'],
      ['苏振业', '动手吧，做得干净点。'],
    ]),
    ep(12, '王者归来', [
      [null, '深夜盘山路，林晚的车刹车失灵。'],
      ['傅砚', '别怕，我的车在你前面，撞上来！'],
      [null, '一声巨响，两辆车停在了悬崖边。'],
      ['警察', '苏振业，你涉嫌故意杀人，跟我们走。'],
      ['林晚', '从今天起，苏氏，我说了算。'],
      ['陈叔', '大小姐，有人在查夫人当年的死因……'],
    ]),
  ],
};

const ceo: SeedSeries = {
  id: 'flash-marriage-to-the-ceo',
  title: '闪婚后，霍总天天吃醋',
  genre: '甜宠',
  synopsis:
    '为了给父亲凑手术费，花店女孩许念在民政局门口，和冷面总裁霍景深签下一年婚约。约好不同房、不动心、不过问过去，可这位霍总却总在她身边打翻醋坛子。一纸契约背后，藏着他找了她十五年的秘密。',
  tags: ['甜宠', '总裁', '契约婚姻', '先婚后爱'],
  cast: ['许念', '霍景深'],
  freeEpisodes: 5,
  episodePriceCoins: 30,
  seriesPriceFen: 1990,
  look: {
    scene: 'skyline',
    palette: { sky: ['#2a1a4a', '#7a3d78', '#d9708a', '#f6b08a'], accent: '#ff8fb1', glow: '#ffd3c4', shadow: '#2b1633' },
    particles: 'bokeh',
    lightLeak: true,
    lightning: false,
    titleFont: 'sans',
    titleFontSize: 68,
    mood: 'sweet',
    seed: 23,
  },
  episodes: [
    ep(1, '民政局门口', [
      [null, '民政局门口，大雨。'],
      ['许念', '对不起！您的西装，我赔……'],
      ['霍景深', '赔不起。跟我结婚，就不用赔。'],
      ['许念', '你疯了吧？我们才第一次见面！'],
      ['霍景深', '一年，五百万，够你父亲的手术费。'],
      ['霍景深', '签字。十分钟后，你就是霍太太。'],
    ]),
    ep(2, '三条规矩', [
      ['霍景深', '第一，不同房。第二，不动心。'],
      ['霍景深', '第三，不许过问我的过去。'],
      ['许念', '放心，我对你没兴趣。'],
      [null, '深夜，厨房飘出一碗面的香味。'],
      ['霍景深', '……给我也煮一碗。'],
      ['管家', '先生，老夫人来了，说今晚要住下！'],
    ]),
    ep(3, '一张床', [
      ['奶奶', '新婚夫妻，哪有分房睡的道理？'],
      ['许念', '中间放个枕头，谁也不许越界。'],
      ['霍景深', '放心，我对你没兴趣。'],
      [null, '第二天清晨。'],
      ['许念', '霍景深！你的手为什么在我腰上？'],
      ['霍景深', '是你先抱的，抱了一整夜。'],
    ]),
    ep(4, '霍太太', [
      ['前台', '外卖放这儿，霍总的楼层你上不去。'],
      ['沈曼', '哪来的花店小妹，也想攀高枝？'],
      [null, '电梯门开，霍景深走了出来。'],
      ['霍景深', '她是来给我送饭的。'],
      ['霍景深', '介绍一下，这是我太太。'],
      ['沈曼', '太……太太？'],
    ]),
    ep(5, '学长', [
      ['江屿', '念念？真的是你，好久不见。'],
      ['许念', '江屿学长！你回国了？'],
      ['霍景深', '查他。十分钟内，我要他的全部资料。'],
      [null, '当晚，霍景深把许念堵在门口。'],
      ['霍景深', '合同第四条，不许对别的男人笑。'],
      ['许念', '合同哪有第四条？'],
      ['霍景深', '刚加的。'],
    ]),
    ep(6, '误会', [
      [null, '许念收到一张匿名照片。'],
      [null, '照片里，沈曼靠在霍景深怀里。'],
      ['沈曼', '三年了，景深心里只有我。'],
      ['沈曼', '你不过是他花钱请来的演员。'],
      ['许念', '合同还剩十个月，我提前走。'],
      [null, '大雨里，许念拖着行李箱出了门。'],
    ]),
    ep(7, '雨中追妻', [
      ['霍景深', '许念！站住！'],
      ['霍景深', '那天是她自己扑过来的，我推开了。'],
      ['许念', '跟我解释做什么？我们只是契约。'],
      ['霍景深', '因为规矩第二条，我想撤销。'],
      ['许念', '哪……哪一条？'],
      ['霍景深', '不动心。我做不到了。'],
    ]),
    ep(8, '生日烟花', [
      [null, '许念生日，整座游乐园只为她一个人开。'],
      ['许念', '你包下了整个游乐园？'],
      ['霍景深', '摩天轮到最高点的时候，许个愿。'],
      [null, '烟花升起，他低头靠近——'],
      [null, '许念的手机震了一下。'],
      ['陌生短信', '你父亲的医药费，是霍景深让人断的。'],
    ]),
    ep(9, '旧照片', [
      ['许念', '是你断了我爸的医药费，逼我嫁给你？'],
      ['霍景深', '……你信吗？'],
      [null, '书房抽屉里，许念翻出一张旧照片。'],
      ['许念', '这是我……八岁的时候？'],
      ['周特助', '太太，霍总找照片上的女孩，找了整整十五年。'],
    ]),
    ep(10, '十五年前', [
      ['霍景深', '那年我被绑架，逃出来，饿了三天。'],
      ['霍景深', '一个小女孩，把唯一的糖给了我。'],
      ['许念', '原来……那个哥哥是你。'],
      ['霍景深', '医药费从没断过，一直是我在付。'],
      ['周特助', '霍总，查到了，短信是沈曼发的。'],
      [null, '同一时间，霍家老宅。'],
      ['奶奶', '念念，这一千万拿着，离开景深。'],
    ]),
    ep(11, '奶奶的考验', [
      ['许念', '奶奶，我嫁的是他，不是霍家的钱。'],
      ['奶奶', '好孩子，这一关，你过了。'],
      ['奶奶', '其实那份契约，是我让景深签的。'],
      ['许念', '什么？'],
      [null, '第二天，“契约婚姻”冲上热搜。'],
      ['记者', '霍总，您的婚姻是一场交易吗？'],
    ]),
    ep(12, '一辈子', [
      [null, '发布会现场，闪光灯亮成一片。'],
      ['霍景深', '这份合同，是真的。'],
      [null, '他当众把合同撕成了两半。'],
      ['霍景深', '许念，这一次，不要契约。'],
      ['霍景深', '我要你，一辈子。'],
      ['许念', '霍景深……我也有个秘密。'],
      ['许念', '我怀孕了。'],
    ]),
  ],
};

const witness: SeedSeries = {
  id: 'witness-in-the-rain',
  title: '雨夜证人',
  genre: '悬疑',
  synopsis:
    '暴雨夜23点47分，独居女孩周雨报警，称亲眼看见对面702有人行凶。刑警陆沉赶到，却发现那间屋子已经空了整整三年。一串湿脚印、一只停摆的钟、一把红伞，把他拖回了一桩被刻意掩埋的旧案。',
  tags: ['悬疑', '刑侦', '反转', '雨夜'],
  cast: ['周雨', '陆沉'],
  freeEpisodes: 4,
  episodePriceCoins: 50,
  seriesPriceFen: 3990,
  look: {
    scene: 'rainy-street',
    palette: { sky: ['#02050a', '#0b1a26', '#10262f', '#03070b'], accent: '#5fd0c8', glow: '#ffb347', shadow: '#020406' },
    particles: 'rain',
    lightLeak: false,
    lightning: true,
    titleFont: 'serif',
    titleFontSize: 96,
    mood: 'eerie',
    seed: 37,
  },
  episodes: [
    ep(1, '23:47', [
      [null, '暴雨夜，23点47分。'],
      ['周雨', '喂，110吗？对面702，有人在杀人！'],
      [null, '十五分钟后，刑警陆沉撬开了702的门。'],
      ['陆沉', '没人？灰这么厚……'],
      ['物业', '警官，这屋子空了三年了。'],
      ['陆沉', '空了三年？那地上的湿脚印是谁的？'],
    ]),
    ep(2, '停摆的钟', [
      [null, '脚印一路走到窗边，然后消失了。'],
      ['陆沉', '这是七楼，人不可能从这儿走掉。'],
      ['陆沉', '墙上的钟，停在23点47分。'],
      ['韩队', '小陆，三年前这屋里失踪过一个女孩。'],
      ['接警员', '陆哥！报警号码查到了。'],
      ['接警员', '三年前的今晚，同一个号码也报过警。'],
    ]),
    ep(3, '围巾', [
      ['陆沉', '周小姐，你什么时候搬来的？'],
      ['周雨', '上个月。'],
      ['房东', '上个月？她在这儿住了三年了。'],
      [null, '三十度的天，她却一直围着围巾。'],
      ['陆沉', '你家的望远镜，为什么对着702？'],
      [null, '卧室墙上，贴满了702的照片。'],
    ]),
    ep(4, '姐姐', [
      ['周雨', '702住的是林晓，我姐姐。'],
      ['周雨', '她不是失踪，是被人杀了。'],
      ['周雨', '三年前我报过警，你们说我看错了。'],
      ['陆沉', '当年是谁出的警？'],
      ['周雨', '这个，你该去问你们局里的人。'],
    ]),
    ep(5, '缺页的卷宗', [
      [null, '档案室，林晓失踪案。'],
      ['陆沉', '出警记录……被人撕掉了。'],
      ['韩队', '小陆，旧案子，别碰。'],
      ['陆沉', '韩队，您当年也在队里吧？'],
      [null, '深夜，陆沉家门口多了一把红伞。'],
      [null, '伞柄上挂着一张纸条：别查了。'],
    ]),
    ep(6, '红伞', [
      ['周雨', '这把伞……是我姐姐的。'],
      ['陆沉', '伞柄上刻着一个字：何。'],
      ['陆沉', '这栋楼的物业，是不是姓何？'],
      ['物业', '何师傅？他有702的钥匙。'],
      [null, '第二天清晨，电梯井。'],
      ['法医', '陆警官，何师傅……死了。'],
    ]),
    ep(7, '遗书', [
      ['韩队', '遗书写得清清楚楚，人是他杀的。结案。'],
      ['陆沉', '遗书是打印的。'],
      ['物业', '何师傅不识字，连手机都不会用。'],
      ['陆沉', '不识字的人，怎么打印遗书？'],
      ['法医', '还有，702的脚印是43码。'],
      ['法医', '和局里发的雨靴，同一个型号。'],
    ]),
    ep(8, '监控', [
      ['陆沉', '把那晚的监控调出来。'],
      [null, '23点30分，一个穿雨衣的人走进楼道。'],
      ['周雨', '他回来了……他回来收拾东西了。'],
      ['陆沉', '放大。'],
      [null, '画面定格，雨衣下露出一枚警号。'],
      ['陆沉', '0417……'],
    ]),
    ep(9, '0417', [
      ['接警员', '0417，是韩队的警号。'],
      ['韩队', '那晚我在局里值班，全队都能作证。'],
      ['陆沉', '那你车上的泥，是哪来的？'],
      ['法医', '是城西水库的泥。'],
      ['陆沉', '林晓手机最后的信号，就在水库。'],
      [null, '陆沉的手机响了，是周雨的号码。'],
      ['短信', '水库，一个人来。'],
    ]),
    ep(10, '水库', [
      [null, '城西水库，暴雨。'],
      ['陆沉', '周雨！'],
      ['韩队', '小陆，我给过你机会。'],
      ['韩队', '林晓查了不该查的东西，怪不得我。'],
      [null, '周雨慢慢解下了围巾。'],
      [null, '她的脖子上，是一道狰狞的勒痕。'],
      ['周雨', '韩队，三年前，你勒得不够用力。'],
    ]),
    ep(11, '她是谁', [
      ['韩队', '不可能……林晓早就沉进了水库！'],
      ['周雨', '我被人救了。换了脸，换了名字。'],
      ['周雨', '我没有姐姐。我就是林晓。'],
      ['陆沉', '报警、脚印、停摆的钟……'],
      ['林晓', '都是我布的局，就等他回来。'],
      [null, '韩队缓缓举起了枪。'],
      [null, '砰！'],
    ]),
    ep(12, '第二通电话', [
      [null, '枪响，韩队的手腕中弹。'],
      ['陆沉', '韩国栋，你被捕了。'],
      ['林晓', '他刚才说的每一个字，我都录下来了。'],
      [null, '三天后，旧案重审。'],
      [null, '深夜23点47分，陆沉的手机响了。'],
      ['陌生来电', '陆警官，韩队只是其中一个。'],
      ['陌生来电', '下一个，是你身边的人。'],
    ]),
  ],
};

export const seedSeries: SeedSeries[] = [heiress, ceo, witness];
