import type { ComponentChildren } from 'preact';
import type { PageCtx } from './page-context.ts';
import { dateTimeFormat } from '../../../i18n/intl.ts';

export type FieldErrors = Record<string, string>;

export function Csrf(props: { ctx: PageCtx }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrf} />;
}

/**
 * Lists the problems at the top of a form, each linking to its field (GOV.UK error summary pattern). With `labels`, each
 * entry names its question, so "Choose an answer" says which one (WCAG 2.1 SC 3.3.1 Error Identification).
 */
export function ErrorSummary(props: { ctx: PageCtx; errors: FieldErrors | undefined; general?: string | undefined; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0 && !props.general) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-autofocus>
      <h2>{props.ctx.t('form.problem')}</h2>
      <ul>
        {props.general ? <li>{props.general}</li> : null}
        {entries.map(([field, message]) => {
          const label = props.labels?.[field];
          return (
            <li>
              <a href={`#f-${field}`}>{label ? `${label}${/[?:.!]$/.test(label) ? ' ' : ' — '}${message}` : message}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Notice(props: { children: ComponentChildren; kind?: 'ok' | 'warn' | 'info' }) {
  return (
    <div class={`notice ${props.kind ?? 'ok'}`} role="status">
      {props.children}
    </div>
  );
}

interface InputProps {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value?: string | number | null | undefined;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
  list?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
}

/** Label, hint and error of one field, wired to the control with aria-describedby. */
function FieldFrame(p: { name: string; label: string; hint?: string | undefined; error?: string | undefined; children: (describedBy: string | undefined) => ComponentChildren }) {
  const id = `f-${p.name}`;
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {p.children(describedBy)}
    </div>
  );
}

export function TextField(p: InputProps) {
  return (
    <FieldFrame name={p.name} label={p.label} hint={p.hint} error={p.error}>
      {(describedBy) => (
        <input
          id={`f-${p.name}`}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          autoComplete={p.autocomplete}
          required={p.required}
          inputMode={p.inputMode}
          list={p.list}
          maxLength={p.maxLength}
          min={p.min}
          max={p.max}
          pattern={p.pattern}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

/** A multi-line text field with its label, hint and error, wired for screen readers like the other fields. */
export function TextArea(p: { name: string; label: string; hint?: string | undefined; value: string | undefined; error?: string | undefined; maxLength: number; rows?: number; lang?: string | undefined }) {
  return (
    <FieldFrame name={p.name} label={p.label} hint={p.hint} error={p.error}>
      {(describedBy) => (
        <textarea id={`f-${p.name}`} name={p.name} maxLength={p.maxLength} rows={p.rows ?? 3} lang={p.lang} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy}>
          {p.value ?? ''}
        </textarea>
      )}
    </FieldFrame>
  );
}

export function SelectField(p: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  return (
    <FieldFrame name={p.name} label={p.label} hint={p.hint} error={p.error}>
      {(describedBy) => (
        <select id={`f-${p.name}`} name={p.name} required={p.required} aria-describedby={describedBy} aria-invalid={p.error ? 'true' : undefined}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === (p.value ?? '')}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A yes/no question as two radio buttons in a fieldset (works without JavaScript, clear for screen readers). */
export function YesNo(p: { ctx: PageCtx; name: string; legend: string; hint?: string; value: boolean | undefined; error?: string | undefined }) {
  const id = `f-${p.name}`;
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} id={id}>
      <legend>{p.legend}</legend>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      {p.error ? <p class="error">{p.error}</p> : null}
      <div class="choices">
        <label>
          <input type="radio" name={p.name} value="yes" checked={p.value === true} /> {p.ctx.t('form.yes')}
        </label>
        <label>
          <input type="radio" name={p.name} value="no" checked={p.value === false} /> {p.ctx.t('form.no')}
        </label>
      </div>
    </fieldset>
  );
}

/**
 * One radio button or checkbox with its label and, below it, its description: the label stays on one line and the
 * description starts under it instead of running after a dash, so a phone shows a readable list (WCAG 1.4.10 Reflow).
 * The description sits inside the label, so a tap on it selects the option and screen readers read it with the label.
 */
export function Choice(p: { type: 'radio' | 'checkbox'; name: string; value: string; label: string; hint?: string | undefined; checked?: boolean; required?: boolean }) {
  return (
    <label class="choice">
      <input type={p.type} name={p.name} value={p.value} checked={p.checked} required={p.required} />
      <span class="choice-text">
        <span class="choice-label">{p.label}</span>
        {p.hint ? <span class="hint choice-hint">{p.hint}</span> : null}
      </span>
    </label>
  );
}

export function RadioGroup(p: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  value: string | null | undefined;
  error?: string | undefined;
}) {
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} id={`f-${p.name}`}>
      <legend>{p.legend}</legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      <div class="choices">
        {p.options.map((o) => (
          <Choice type="radio" name={p.name} value={o.value} label={o.label} hint={o.hint} checked={o.value === p.value} />
        ))}
      </div>
    </fieldset>
  );
}

export function PostButton(p: { ctx: PageCtx; action: string; label: string; fields?: Record<string, string>; kind?: 'danger' | 'secondary' }) {
  return (
    <form method="post" action={p.action} class="inline">
      <Csrf ctx={p.ctx} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.kind ?? ''}>
        {p.label}
      </button>
    </form>
  );
}

export function formatDateTime(iso: string, locale: string): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

/** The colon after a label: French sets a no-break space before it (Lexique des règles typographiques, « deux-points »). */
export function colon(locale: string): string {
  return locale === 'fr' ? '\u00a0:' : ':';
}

/** A calendar date (YYYY-MM-DD) written out in the page's language: review dates, offer windows. */
export function formatDay(date: string, locale: string): string {
  return dateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The sources of a piece of content, each a link, under a heading. */
export function SourceList(p: { heading: string; headingId?: string; sources: readonly { title: string; url: string }[] }) {
  return (
    <>
      <h2 id={p.headingId}>{p.heading}</h2>
      <ul>
        {p.sources.map((s) => (
          <li>
            <a href={s.url} rel="noopener">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Links to the previous and next page of a long list, and where the reader is ("Page 2 of 3"). Plain links, so it
 * works without JavaScript; nothing when the list fits one page. `href(n)` gives page n's address.
 */
export function Pager(p: { ctx: PageCtx; page: number; pages: number; href: (page: number) => string }) {
  if (p.pages <= 1) return null;
  const { t } = p.ctx;
  return (
    <nav class="pager" aria-label={t('pager.label')} data-testid="pager">
      {p.page > 1 ? (
        <a href={p.href(p.page - 1)} rel="prev">
          {t('pager.previous')}
        </a>
      ) : null}{' '}
      <span aria-current="page">{t('pager.page_of', { page: p.page, pages: p.pages })}</span>{' '}
      {p.page < p.pages ? (
        <a href={p.href(p.page + 1)} rel="next">
          {t('pager.next')}
        </a>
      ) : null}
    </nav>
  );
}
