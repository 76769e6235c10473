// Every user-facing string, in both languages. Keys are grouped by page.
export const locales = ["zh", "en"] as const;
export type Locale = (typeof locales)[number];

const zh = {
  appName: "Ebb",
  tagline: "间隔重复的 Docker 学习卡片：在快要忘记之前复习。",
  nav: { home: "主页", language: "语言" },
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
  nav: { home: "Home", language: "Language" },
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
