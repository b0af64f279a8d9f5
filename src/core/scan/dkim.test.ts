import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDkimRecord, rsaModulusBits } from './dkim.ts';
import { RSA_1024_PKCS1, RSA_1024_SPKI, RSA_2048_SPKI } from './snapshot.fixture.ts';

describe('RSA key size from a DKIM p= value', () => {
  it('reads real 1024- and 2048-bit SubjectPublicKeyInfo keys', () => {
    expect(rsaModulusBits(RSA_1024_SPKI)).toBe(1024);
    expect(rsaModulusBits(RSA_2048_SPKI)).toBe(2048);
  });

  it('reads a bare PKCS#1 RSAPublicKey', () => {
    expect(rsaModulusBits(RSA_1024_PKCS1)).toBe(1024);
  });

  it('tolerates whitespace inside the key (folded TXT records)', () => {
    expect(rsaModulusBits(`${RSA_2048_SPKI.slice(0, 100)} \t ${RSA_2048_SPKI.slice(100)}`)).toBe(2048);
  });

  it('estimates from the length when the DER is cut short', () => {
    expect(rsaModulusBits(RSA_2048_SPKI.slice(0, 360))).toBe(2048);
  });

  it('gives up on something that is not base64', () => {
    expect(rsaModulusBits('not base64!')).toBeUndefined();
    expect(rsaModulusBits('')).toBeUndefined();
  });

  it('agrees with node:crypto for other sizes', () => {
    for (const modulusLength of [1536, 3072]) {
      const der = generateKeyPairSync('rsa', { modulusLength }).publicKey.export({ type: 'spki', format: 'der' });
      expect(rsaModulusBits(der.toString('base64'))).toBe(modulusLength);
    }
  });
});

describe('DKIM key records (RFC 6376 §3.6.1)', () => {
  it('reads k, p and t, defaulting k to rsa', () => {
    expect(parseDkimRecord(`v=DKIM1; p=${RSA_1024_SPKI}`).record).toEqual({ keyType: 'rsa', publicKey: RSA_1024_SPKI, testing: false });
    expect(parseDkimRecord('v=DKIM1; k=ed25519; t=y:s; p=abc').record).toEqual({ keyType: 'ed25519', publicKey: 'abc', testing: true });
  });

  it('treats an empty p= as a revoked key', () => {
    expect(parseDkimRecord('v=DKIM1; k=rsa; p=').record?.publicKey).toBe('');
  });

  it('rejects a v= that is not first or not DKIM1, and a record without p=', () => {
    expect(parseDkimRecord('k=rsa; v=DKIM1; p=abc').problem).toBe('invalid_version');
    expect(parseDkimRecord('v=DKIM2; p=abc').problem).toBe('invalid_version');
    expect(parseDkimRecord('v=DKIM1; k=rsa').problem).toBe('missing_key');
  });
});
