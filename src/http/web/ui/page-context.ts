import type { FastifyRequest } from 'fastify';
import type { User } from '../../../core/account.ts';
import type { Locale } from '../../../core/locale.ts';
import type { T } from '../../../i18n/index.ts';

/** What every view needs to render the frame of a page. Built from the request; views do no I/O. */
export interface PageCtx {
  locale: Locale;
  t: T;
  /** The current URL without its language prefix, for the language switcher. */
  pathAfterLang: string;
  csrf: string;
  user: User | null;
}

export function pageCtx(request: FastifyRequest): PageCtx {
  const url = request.url;
  const m = /^\/(nl|fr|de|en)(\/.*)?$/.exec(url.split('#')[0] ?? '');
  return {
    locale: request.locale,
    t: request.t,
    pathAfterLang: m ? (m[2] ?? '/') : '/',
    // Read when a form renders it: the HMAC behind it is skipped on pages without a form.
    get csrf() {
      return request.csrfToken;
    },
    user: request.session?.stage === 'full' ? request.user : null,
  };
}
