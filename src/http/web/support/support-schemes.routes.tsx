/**
 * Who pays for the help (issue 12): GET /:lang/support-schemes, public, optionally filtered with ?region=. A region we
 * do not know is answered 422 with a translated message and the full list (nothing is hidden by a typo).
 */
import type { FastifyInstance } from 'fastify';
import { SCHEME_REGIONS, type SchemeRegion, type SupportContent } from '../../../core/support/schemes.ts';
import { PUBLIC } from '../../access.ts';
import { schemesByRegion } from '../../presenters/support.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { SupportSchemesPage } from './support-schemes.views.tsx';

export function supportSchemeRoutes(support: SupportContent) {
  // The page says when the list was last checked: the oldest review among the schemes.
  const reviewed = support.schemes.map((s) => s.reviewed).sort()[0] ?? '';
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/support-schemes', { config: { access: PUBLIC, anonymousCache: true } }, async (request, reply) => {
      const ctx = pageCtx(request);
      const given = (request.query as Record<string, unknown>).region;
      const raw = Array.isArray(given) ? given[0] : given;
      if (raw === undefined || raw === '') return sendPage(reply, <SupportSchemesPage ctx={ctx} groups={schemesByRegion(support.schemes, null)} filter={null} reviewed={reviewed} />);
      // 'federal' is always shown, so it is not a filter of its own.
      const known = SCHEME_REGIONS.filter((r) => r !== 'federal') as readonly string[];
      if (typeof raw !== 'string' || !known.includes(raw)) {
        const page = <SupportSchemesPage ctx={ctx} groups={schemesByRegion(support.schemes, null)} filter={null} reviewed={reviewed} error={ctx.t('support.error.filter')} />;
        return sendPage(reply, page, 422);
      }
      const filter = raw as SchemeRegion;
      return sendPage(reply, <SupportSchemesPage ctx={ctx} groups={schemesByRegion(support.schemes, filter)} filter={filter} reviewed={reviewed} />);
    });
  };
}
