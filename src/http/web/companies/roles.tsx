/**
 * What the roles mean, in plain words, where a role is chosen (invitation form, role change) or received
 * (invitation page). The words follow the permissions in core/company-profile.ts: owners hold everything, admins
 * manage the company's work and invite members, members read and report incidents.
 */
import { ROLES, type Role } from '../../../core/company-profile.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { PageCtx } from '../ui/page-context.ts';

const MEANING: Record<Role, MessageKey> = { owner: 'role.owner.meaning', admin: 'role.admin.meaning', member: 'role.member.meaning' };

export function RoleMeaning(p: { ctx: PageCtx; role: Role }) {
  return <>{p.ctx.t(MEANING[p.role])}</>;
}

/** Radio buttons with the meaning under each role (works without JavaScript, each description tied to its option). */
export function RoleChoices(p: { ctx: PageCtx; roles: readonly Role[]; value: string | undefined; error?: string | undefined }) {
  const { t } = p.ctx;
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} id="f-role">
      <legend>{t('members.role')}</legend>
      {p.error ? <p class="error">{p.error}</p> : null}
      <div class="choices stacked">
        {p.roles.map((r) => (
          <label class="choice-described">
            <input type="radio" name="role" value={r} checked={r === (p.value ?? 'member')} aria-describedby={`role-${r}-meaning`} />{' '}
            <strong>{t(`role.${r}` as MessageKey)}</strong>
            <span class="hint" id={`role-${r}-meaning`}>
              {t(MEANING[r])}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The three roles explained, one tap away beside the role changes in the member list. */
export function RolesExplained(p: { ctx: PageCtx }) {
  const { t } = p.ctx;
  return (
    <details class="roles-explained">
      <summary>{t('members.roles_explained')}</summary>
      <dl>
        {ROLES.map((r) => (
          <>
            <dt>{t(`role.${r}` as MessageKey)}</dt>
            <dd>{t(MEANING[r])}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}
