/**
 * The one list of scan checks (like the Observatory's ALL_TESTS in src/constants.js). A check that is not here does
 * not run. Order is the report's default order within equal business risk.
 *
 * SCAN_ALGORITHM_VERSION is stored with every scan result. Change it whenever a check's logic, this list, or a number
 * in grading.ts changes, so old results stay explainable.
 */
import { brandLookalike } from './checks/brand-lookalike.check.ts';
import { dnsCaa } from './checks/dns-caa.check.ts';
import { dnsDnssec } from './checks/dns-dnssec.check.ts';
import { dnsNs } from './checks/dns-ns.check.ts';
import { mailDkim } from './checks/mail-dkim.check.ts';
import { mailDmarc } from './checks/mail-dmarc.check.ts';
import { mailMtaSts } from './checks/mail-mta_sts.check.ts';
import { mailMx } from './checks/mail-mx.check.ts';
import { mailNullMx } from './checks/mail-null_mx.check.ts';
import { mailSpf } from './checks/mail-spf.check.ts';
import { mailStarttls } from './checks/mail-starttls.check.ts';
import { mailTlsrpt } from './checks/mail-tlsrpt.check.ts';
import { webCert } from './checks/web-cert.check.ts';
import { webCookies } from './checks/web-cookies.check.ts';
import { webCsp } from './checks/web-csp.check.ts';
import { webFrame } from './checks/web-frame.check.ts';
import { webHsts } from './checks/web-hsts.check.ts';
import { webHttps } from './checks/web-https.check.ts';
import { webRedirect } from './checks/web-redirect.check.ts';
import { webReferrer } from './checks/web-referrer.check.ts';
import { webSecuritytxt } from './checks/web-securitytxt.check.ts';
import { webServerDisclosure } from './checks/web-server_disclosure.check.ts';
import { webSri } from './checks/web-sri.check.ts';
import { webTlsVersion } from './checks/web-tls_version.check.ts';
import { webXcto } from './checks/web-xcto.check.ts';

export const SCAN_ALGORITHM_VERSION = 'schild-scan-1.1.0';

export const ALL_CHECKS = [
  mailDmarc,
  mailSpf,
  mailDkim,
  mailMx,
  mailStarttls,
  mailMtaSts,
  mailTlsrpt,
  mailNullMx,
  webHttps,
  webCert,
  webRedirect,
  webTlsVersion,
  webHsts,
  webCookies,
  webCsp,
  webFrame,
  webSri,
  webXcto,
  webReferrer,
  webSecuritytxt,
  webServerDisclosure,
  dnsDnssec,
  dnsNs,
  dnsCaa,
  brandLookalike,
] as const;

export type CheckId = (typeof ALL_CHECKS)[number]['id'];
export const CHECK_IDS: readonly CheckId[] = ALL_CHECKS.map((c) => c.id);
