/**
 * Mail-in test material: the fixture mails, a DKIM key for the "legitimate supplier" published on the loopback DNS
 * server, and a helper that forwards a mail the way mail programs do "as attachment" (message/rfc822).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dkimSign } from 'mailauth';
import type { Zone } from '../scan/dns-server.ts';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/mail-in/${name}`, import.meta.url), 'utf8');
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** DNS for the fixtures: the supplier passes SPF, DKIM and DMARC; the lookalike publishes p=reject and another sender IP. */
export const MAIL_ZONES: Zone[] = [
  {
    origin: 'leverancier.be',
    records: [
      { name: '@', type: 'TXT', data: 'v=spf1 ip4:192.0.2.20 -all' },
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' },
      { name: 'sel._domainkey', type: 'TXT', data: `v=DKIM1; k=rsa; p=${publicDer}` },
    ],
  },
  {
    origin: 'bakkerij-peeterss.be',
    records: [
      { name: '@', type: 'TXT', data: 'v=spf1 ip4:192.0.2.10 -all' },
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject' },
    ],
  },
];

/** The legitimate supplier mail with a fresh DKIM-Signature (RFC 6376) by leverancier.be, selector "sel". */
export async function signedLegitimateMail(): Promise<string> {
  const raw = fixture('legitimate-supplier.eml');
  const options = { canonicalization: 'relaxed/relaxed', signatureData: [{ signingDomain: 'leverancier.be', selector: 'sel', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }] };
  // mailauth reads `signatureData` (lib/dkim/dkim-signer.js, as its README shows); its index.d.ts declares flat fields instead.
  const result = await dkimSign(raw, options as unknown as Parameters<typeof dkimSign>[1]);
  if (result.errors.length > 0) throw new Error(`DKIM signing failed: ${JSON.stringify(result.errors)}`);
  return result.signatures + raw;
}

/** A forward "as attachment": the employee's short note and the original as message/rfc822. */
export function forwardAsAttachment(original: string, opts: { from: string; to: string; subject?: string; headers?: string }): string {
  return [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject ?? 'Fwd: is this real?'}`,
    'MIME-Version: 1.0',
    ...(opts.headers ? [opts.headers] : []),
    'Content-Type: multipart/mixed; boundary="fwd-attach-1"',
    '',
    '--fwd-attach-1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Is this real?',
    '',
    '--fwd-attach-1',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="original.eml"',
    '',
    original.replace(/\r?\n/g, '\r\n'),
    '--fwd-attach-1--',
    '',
  ].join('\r\n');
}
