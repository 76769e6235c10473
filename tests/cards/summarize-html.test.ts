import { describe, expect, it } from "vitest";
import { summarizeHtml } from "@/lib/cards/summarize-html";

describe("summarizeHtml", () => {
  it("drops tags, decodes entities and collapses spaces", () => {
    expect(summarizeHtml("<p>运行 <code>docker compose up</code>\n&amp; 看 &lt;日志&gt;</p>", 80)).toBe(
      "运行 docker compose up & 看 <日志>",
    );
  });

  it("cuts long text at a character count, not a byte count, and marks the cut", () => {
    expect(summarizeHtml("<p>一二三四五六七八九十</p>", 4)).toBe("一二三四…");
    expect(summarizeHtml("<p>abc</p>", 3)).toBe("abc");
  });
});
