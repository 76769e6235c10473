import { CardHtml } from "@/components/card-html";
import { renderMarkdown } from "@/lib/cards/render-markdown";
import { sectionsFile } from "@/lib/content/section-headings";
import { getMessages } from "@/lib/i18n/get-locale";

// The notes' structure in the deck's own words; quiz feedback links to a
// section here by its id.
export default async function NotesPage() {
  const { locale, t } = await getMessages();
  const { parts } = sectionsFile();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t.notes.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t.notes.intro}</p>
      </div>
      <nav className="flex flex-wrap gap-2 text-sm">
        {parts.map((part) => (
          <a
            key={part.id}
            href={`#part-${part.id}`}
            className="rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {part.title[locale]}
          </a>
        ))}
      </nav>
      {parts.map((part) => (
        <section key={part.id} id={`part-${part.id}`} className="space-y-4">
          <h2 className="border-b border-slate-200 pb-1 text-xl font-semibold dark:border-slate-800">
            {part.title[locale]}
          </h2>
          {part.sections.map((section) => (
            <article
              key={section.id}
              id={section.id}
              className="scroll-mt-4 space-y-2 rounded-xl border border-slate-200 bg-white p-4 target:ring-2 target:ring-sky-500 dark:border-slate-800 dark:bg-slate-900"
            >
              <h3 className="font-medium">{section.heading}</h3>
              {section.notes && <CardHtml html={renderMarkdown(section.notes)} className="text-sm" />}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
