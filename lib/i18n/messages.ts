// Every user-facing string, in both languages. Keys are grouped by page.
export const locales = ["zh", "en"] as const;
export type Locale = (typeof locales)[number];

const zh = {
  appName: "Ebb",
  tagline: "间隔重复的 Docker 学习卡片：在快要忘记之前复习。",
  card: {
    answer: "答案：",
    correctOption: "正确选项：",
    trueOrFalse: "判断对错",
    true: "正确",
    false: "错误",
    alsoAccepted: "也接受：",
    faultyLine: "出错的行：",
    source: "出处",
    explanation: "解析",
  },
  topic: {
    showAnswer: "显示答案与解析",
    kinds: {
      qa: "问答",
      cloze: "填空",
      choice: "选择",
      truefalse: "判断",
      typing: "输入命令",
      order: "排序",
      spot_error: "找错",
    },
  },
  auth: {
    signIn: "登录",
    signUp: "注册",
    signOut: "退出",
    email: "邮箱",
    password: "密码",
    passwordHint: "至少 8 个字符",
    noAccount: "还没有账号？",
    haveAccount: "已有账号？",
    invalid: "邮箱或密码不正确。",
    throttled: "尝试次数过多，请 15 分钟后再试。",
    exists: "这个邮箱已经注册过了。",
    failed: "出了点问题，请重试。",
    working: "请稍候…",
  },
  nav: { home: "主页", review: "复习", suspended: "已暂停", settings: "设置", language: "语言" },
  review: {
    title: "今日复习",
    show: "显示答案",
    again: "重来",
    hard: "困难",
    good: "良好",
    easy: "简单",
    remaining: "今日剩余",
    newCards: "新卡片",
    learning: "学习中",
    reviews: "待复习",
    undo: "撤销",
    undone: "已撤销上一次评分",
    nothingToUndo: "没有可以撤销的评分",
    pending: (count: number) => `${count} 条评分等待保存…`,
    saveFailed: "保存失败，将自动重试",
    conflict: "这张卡片在别处已被评分，已跳过",
    doneTitle: "今天的复习完成了！",
    nextDue: (when: string) => `下一张卡片将在 ${when} 到期。`,
    nothingScheduled: "目前没有安排的卡片。",
    leech: "这张卡片多次遗忘，已被标记为顽固卡片并暂停。",
    keys: "快捷键：空格/回车 显示答案，1–4 评分，Z 撤销",
    loading: "正在加载卡片…",
    loadFailed: "无法加载卡片，请刷新页面。",
    suspend: "暂停这张卡片",
  },
  suspended: {
    title: "已暂停的卡片",
    empty: "没有暂停的卡片。",
    resume: "恢复",
    leech: "顽固卡片",
    lapses: (count: number) => `遗忘 ${count} 次`,
  },
  settings: {
    title: "设置",
    timeZone: "时区",
    dayStartHour: "新的一天开始于（时）",
    newPerDay: "每日新卡片上限",
    reviewsPerDay: "每日复习上限",
    desiredRetention: "目标记忆保持率",
    learningSteps: "学习步长",
    relearningSteps: "重学步长",
    stepsHint: "用空格分隔，如 1m 10m（单位 s、m、h、d）",
    maximumInterval: "最大间隔（天）",
    leechThreshold: "顽固卡片阈值（遗忘次数）",
    language: "界面语言",
    languageBrowser: "跟随浏览器",
    save: "保存",
    saved: "已保存",
  },
  home: {
    topicsHeading: "主题",
    cards: (count: number) => `${count} 张卡片`,
    totalCards: (count: number, topics: number) => `${topics} 个主题，共 ${count} 张卡片`,
    empty: "还没有主题。检查 content/ 目录并运行 npm run content:sync。",
    unavailable: "数据库暂时不可用，请稍后刷新。",
  },
};

type Messages = typeof zh;

const en: Messages = {
  appName: "Ebb",
  tagline: "Spaced-repetition cards for Docker: review just before you would forget.",
  card: {
    answer: "Answer:",
    correctOption: "Correct option:",
    trueOrFalse: "True or false?",
    true: "True",
    false: "False",
    alsoAccepted: "Also accepted:",
    faultyLine: "Faulty line:",
    source: "Source",
    explanation: "Why",
  },
  topic: {
    showAnswer: "Show answer and explanation",
    kinds: {
      qa: "Question",
      cloze: "Cloze",
      choice: "Multiple choice",
      truefalse: "True or false",
      typing: "Type the command",
      order: "Put in order",
      spot_error: "Spot the error",
    },
  },
  auth: {
    signIn: "Sign in",
    signUp: "Sign up",
    signOut: "Sign out",
    email: "Email",
    password: "Password",
    passwordHint: "At least 8 characters",
    noAccount: "No account yet?",
    haveAccount: "Already have an account?",
    invalid: "Wrong email or password.",
    throttled: "Too many attempts; try again in 15 minutes.",
    exists: "An account with this email already exists.",
    failed: "Something went wrong; please try again.",
    working: "One moment…",
  },
  nav: { home: "Home", review: "Review", suspended: "Suspended", settings: "Settings", language: "Language" },
  review: {
    title: "Today's review",
    show: "Show answer",
    again: "Again",
    hard: "Hard",
    good: "Good",
    easy: "Easy",
    remaining: "Left today",
    newCards: "New",
    learning: "Learning",
    reviews: "Review",
    undo: "Undo",
    undone: "Last rating undone",
    nothingToUndo: "Nothing to undo",
    pending: (count) => `${count} ${count === 1 ? "rating" : "ratings"} waiting to be saved…`,
    saveFailed: "Saving failed; retrying",
    conflict: "This card was rated elsewhere; skipped",
    doneTitle: "Done for today!",
    nextDue: (when) => `The next card is due ${when}.`,
    nothingScheduled: "No cards are scheduled.",
    leech: "You keep forgetting this card: it is flagged as a leech and suspended.",
    keys: "Keys: Space/Enter reveals, 1–4 rate, Z undoes",
    loading: "Loading cards…",
    loadFailed: "Could not load cards; refresh the page.",
    suspend: "Suspend this card",
  },
  suspended: {
    title: "Suspended cards",
    empty: "No suspended cards.",
    resume: "Resume",
    leech: "Leech",
    lapses: (count) => `${count} ${count === 1 ? "lapse" : "lapses"}`,
  },
  settings: {
    title: "Settings",
    timeZone: "Time zone",
    dayStartHour: "A new day starts at (hour)",
    newPerDay: "New cards per day",
    reviewsPerDay: "Reviews per day",
    desiredRetention: "Desired retention",
    learningSteps: "Learning steps",
    relearningSteps: "Relearning steps",
    stepsHint: "Separated by spaces, e.g. 1m 10m (units s, m, h, d)",
    maximumInterval: "Maximum interval (days)",
    leechThreshold: "Leech threshold (lapses)",
    language: "Interface language",
    languageBrowser: "Follow the browser",
    save: "Save",
    saved: "Saved",
  },
  home: {
    topicsHeading: "Topics",
    cards: (count) => `${count} ${count === 1 ? "card" : "cards"}`,
    totalCards: (count, topics) => `${topics} topics, ${count} cards in all`,
    empty: "No topics yet. Check the content/ folder and run npm run content:sync.",
    unavailable: "The database is unavailable right now; refresh in a moment.",
  },
};

export const messages: Record<Locale, Messages> = { zh, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

// Picks the first supported language from an Accept-Language header.
export function localeFromAcceptLanguage(header: string | null): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));

      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);

  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];

    if (isLocale(primary)) return primary;
  }

  return "zh";
}
