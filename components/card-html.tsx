// Card faces are rendered to HTML on the server from the reviewed files in
// content/ (never from user input), so inserting them as HTML is safe and
// keeps the Markdown parser and highlighter out of the browser bundle.
export function CardHtml({ html, className = "" }: { html: string; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered from trusted content files
  return <div className={`card-body ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
