/**
 * The field for a 6-digit code from an authenticator app (RFC 6238). On a phone it opens the number keypad
 * (inputmode="numeric"; pattern="[0-9]*" for older iOS) and offers the code the phone received
 * (autocomplete="one-time-code", WHATWG HTML §4.10.18.7.1). Recovery codes hold letters, so they get their own field.
 */
import { TextField } from './components.tsx';

export function OneTimeCodeField(p: { name: string; label: string; hint?: string | undefined; error?: string | undefined }) {
  return <TextField name={p.name} label={p.label} hint={p.hint} error={p.error} autocomplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={8} required />;
}
