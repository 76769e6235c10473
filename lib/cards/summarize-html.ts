const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

// A one-line plain-text summary of rendered card HTML, for lists that name a
// card by its question: tags dropped, the common entities decoded, spaces
// collapsed, cut at `maxChars` characters with an ellipsis.
export function summarizeHtml(html: string, maxChars: number): string {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const characters = [...text];

  return characters.length <= maxChars ? text : `${characters.slice(0, maxChars).join("").trimEnd()}…`;
}
