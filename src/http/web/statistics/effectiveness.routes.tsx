/** The public page /:lang/statistics/measures (issue 11): read from the pre-aggregated table only. */
import type { FastifyInstance } from 'fastify';
import { measuresFigures } from '../../../app/effectiveness.ts';
import type { AppDeps } from '../../../app/deps.ts';
import type { AssessmentCatalog } from '../../../core/assessment/catalog.ts';
import { PUBLIC } from '../../access.ts';
import { sendPage } from '../../render.ts';
import { pageCtx } from '../ui/page-context.ts';
import { MeasuresPage } from './effectiveness-views.tsx';

export function effectivenessPageRoutes(deps: AppDeps, catalog: AssessmentCatalog) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/:lang/statistics/measures', { config: { access: PUBLIC } }, async (request, reply) => {
      const title = (id: string) => catalog.controls.find((c) => c.id === id)?.text[request.locale].title ?? id;
      return sendPage(reply, <MeasuresPage ctx={pageCtx(request)} figures={await measuresFigures(deps)} title={title} />);
    });
  };
}
