/** The "keep my API keys" choice that the password change and "log out everywhere" forms share. */
import { z } from 'zod';
import type { PageCtx } from '../ui/page-context.ts';

/** Unticked by default: ending the API tokens too is the safe default (OWASP ASVS 4.0.3 §3.3.3). */
export function KeepTokens({ ctx }: { ctx: PageCtx }) {
  return (
    <div class="field">
      <label>
        <input type="checkbox" name="keepTokens" value="yes" /> {ctx.t('account.keep_tokens')}
      </label>
      <p class="hint">{ctx.t('account.keep_tokens_hint')}</p>
    </div>
  );
}

/** Only the exact value "yes" keeps the tokens; anything else (or nothing) ends them. */
export const KeepTokensField = z.unknown().optional().transform((v) => v === 'yes');
