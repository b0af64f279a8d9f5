/**
 * Content text is plain text; a site-relative path in it (e.g. "/en/it-provider-checklist") becomes a link so an
 * article can point at another page of Schild. Only paths under a language prefix match: never an outside address.
 */
const SITE_PATH = /(\/(?:nl|fr|de|en)\/[a-z0-9-]+(?:\/[a-z0-9-]+)*(?:\.pdf)?)/;

export function WithSiteLinks(p: { text: string }) {
  const parts = p.text.split(new RegExp(SITE_PATH.source, 'g'));
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</>;
}
