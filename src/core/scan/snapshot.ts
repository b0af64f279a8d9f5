/**
 * What the retriever captures about one domain, once, before any check runs (the MDN Observatory pattern:
 * `src/retriever/` does all network I/O into one object; every test in `src/analyzer/tests/` is a pure function
 * over it). The checks in ./checks/ read only this value, so a snapshot stored as JSON can be re-analysed later,
 * replayed in tests, or graded again under a newer algorithm.
 *
 * Conventions:
 * - Domain names are lower case, without the trailing dot, also as keys of name-indexed maps.
 * - Times are ISO 8601 strings (JSON-safe).
 * - "Could not ask" is always distinguishable from "asked and the answer is no": a DNS answer is ok / nxdomain /
 *   nodata / error, a network probe is ok or a ProbeFailure. A check turns a failure to ask into status 'error'
 *   ("could not test"), never into 'fail' (external-scan.md §5 issues 8 and 9).
 */
import type { LookalikeKind } from './lookalike.ts';

// ---------------------------------------------------------------------------------------------------------------
// DNS

/**
 * Why a DNS question got no usable answer. SERVFAIL from a validating resolver can mean DNSSEC-bogus. 'blocked': the
 * address guard refused to send the question (a name server at a private or other non-public address).
 */
export type DnsFailure = 'timeout' | 'servfail' | 'refused' | 'blocked' | 'other';

/**
 * One DNS question's answer. `nxdomain` is RCODE 3; `nodata` is NOERROR with an empty answer section (RFC 8020,
 * RFC 2308 §2.2). `ad` is the Authenticated Data flag of a validating resolver (RFC 4035 §3.2.3), when known.
 */
export type DnsAnswer<T> =
  { status: 'ok'; records: T[]; ad?: boolean } | { status: 'nxdomain' | 'nodata' } | { status: 'error'; reason: DnsFailure };

/** A TXT record's character-strings concatenated without separator (RFC 7208 §3.3, RFC 7489 §6.6.3). */
export type TxtRecord = string;

/** MX record (RFC 5321 §5.1). A null MX (RFC 7505) has preference 0 and exchange '' (the root, '.'). */
export interface MxRecord {
  preference: number;
  exchange: string;
}

/** CAA record (RFC 8659 §4.1). Flag 128 is the issuer-critical bit. */
export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}

/** One delegated name server and whether it answered an SOA query for the domain authoritatively. */
export interface NameServerStatus {
  host: string;
  /** Addresses the host name resolved to (A and AAAA). */
  addresses: string[];
  answered: boolean;
  /** AA bit set on the answer (RFC 1035 §4.1.1); a lame delegation answers without it. */
  authoritative?: boolean;
  /** Every address is one the scanner may not contact (private, loopback …): not asked, so "could not test". */
  blocked?: boolean;
}

/** DNSSEC: DS at the parent, DNSKEY at the apex, and what a validating resolver made of it. */
export interface DnssecCapture {
  ds: DnsAnswer<string>;
  dnskey: DnsAnswer<string>;
  /** AD flag on the apex SOA answer from a validating resolver; undefined when no validating resolver was used. */
  validated?: boolean;
  /** A validating resolver answered SERVFAIL while a non-validating one answered: the chain is broken. */
  bogus?: boolean;
}

/**
 * Answers the retriever fetched while walking the SPF record (it uses parseSpf from ../spf.ts to find them), so the
 * mail.spf check can count DNS-querying terms and void lookups recursively (RFC 7208 §4.6.4) without I/O.
 * Names with macros (RFC 7208 §7) cannot be resolved without a sender and are not looked up.
 */
export interface SpfLookups {
  /** TXT answers for include: and redirect= targets. */
  txt: Record<string, DnsAnswer<TxtRecord>>;
  /** A and AAAA together (an empty list when both are empty) for a, a:<name> and exists:<name>. */
  a: Record<string, DnsAnswer<string>>;
  /** MX answers for mx and mx:<name>. */
  mx: Record<string, DnsAnswer<MxRecord>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Network probes

/** Why a connection or request did not give an answer. 'blocked' is a WAF, bot challenge or filtered port. */
export type ProbeFailure = 'blocked' | 'timeout' | 'refused' | 'unreachable' | 'no_address' | 'tls_error' | 'too_many_redirects' | 'other';

/** Protocol names as Node's TLSSocket.getProtocol() reports them. */
export type TlsVersion = 'SSLv3' | 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** The leaf certificate a server presented and whether its chain validated against the trust store. */
export interface CertificateInfo {
  subjectCommonName?: string;
  /** dNSName entries of subjectAltName (RFC 5280 §4.2.1.6), lower case. */
  subjectAltNames: string[];
  issuer: string;
  notBefore: string;
  notAfter: string;
  chainTrusted: boolean;
  /** The verifier's reason when not trusted, e.g. 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN'. */
  chainError?: string;
  keyType: 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'other';
  keyBits: number;
}

export type TlsHandshake =
  { status: 'ok'; version: TlsVersion; cipher?: string; certificate: CertificateInfo } | { status: 'failed'; message?: string };

/** One SMTP session to port 25 of an MX host: EHLO, then STARTTLS when offered (RFC 3207). */
export type SmtpProbe = { host: string; ip?: string } & (
  { status: 'ok'; starttls: boolean; tls?: TlsHandshake } | { status: ProbeFailure; message?: string }
);

/** One request/response of a redirect chain. */
export interface HttpHop {
  url: string;
  status: number;
  /** Lower-cased header names; repeated headers joined with ', ' (RFC 9110 §5.3), except Set-Cookie. */
  headers: Record<string, string>;
  /** Every Set-Cookie header line, unparsed (they cannot be joined with commas, RFC 6265 §3). */
  setCookies: string[];
  /** The address actually connected to (after the public-address check). */
  ip?: string;
  /** HTTPS only: the certificate chained to a trusted root and named the host (what a browser requires). */
  certificateTrusted?: boolean;
}

/**
 * A request and the redirects it led to (at most 10, as the Observatory). The retriever accepts invalid
 * certificates here so the header checks still run; web.cert reports on the certificate itself.
 */
export type HttpChain =
  | {
      status: 'ok';
      hops: HttpHop[];
      /** The final response body, first 200 kB, decoded as text (for SRI and <meta> policies). */
      body?: string;
      bodyTruncated?: boolean;
    }
  | { status: ProbeFailure; hops: HttpHop[]; message?: string };

/** TLS on port 443: which protocol versions a handshake succeeded with, and the certificate. */
export type TlsProbe = { host: string } & (
  | {
      status: 'ok';
      /** true accepted, false refused, absent not tested (e.g. the local OpenSSL cannot offer SSLv3). */
      versions: Partial<Record<TlsVersion, boolean>>;
      negotiated: TlsVersion;
      certificate: CertificateInfo;
    }
  | { status: ProbeFailure; message?: string }
);

/** A small text file fetched over HTTPS (security.txt, the MTA-STS policy). */
export type HttpTextFetch =
  | {
      status: 'ok';
      url: string;
      httpStatus: number;
      contentType?: string;
      body: string;
      /** Whether the HTTPS certificate validated (MTA-STS requires it, RFC 8461 §3.3). */
      certificateValid?: boolean;
    }
  | { status: ProbeFailure; url: string; message?: string };

// ---------------------------------------------------------------------------------------------------------------
// Brand

/** One lookalike domain from ../lookalike.ts and what DNS says about it. */
export interface LookalikeCapture {
  domain: string;
  kinds: LookalikeKind[];
  a: DnsAnswer<string>;
  mx: DnsAnswer<MxRecord>;
}

// ---------------------------------------------------------------------------------------------------------------
// The snapshot

/** Recorded by the retriever when a check's capture ran out of its time budget or was refused. */
export interface CaptureError {
  reason: 'timeout' | 'blocked' | 'other';
  message?: string;
}

export interface Snapshot {
  /** The scanned domain, e.g. 'bakkerij-peeters.be'. */
  domain: string;
  capturedAt: string;
  dns: {
    ns: DnsAnswer<string>;
    nameServers: NameServerStatus[];
    caa: DnsAnswer<CaaRecord>;
    dnssec: DnssecCapture;
  };
  mail: {
    mx: DnsAnswer<MxRecord>;
    /** All TXT records at the apex (SPF is among them, RFC 7208 §4.5). */
    apexTxt: DnsAnswer<TxtRecord>;
    spfLookups: SpfLookups;
    /** TXT at _dmarc.<domain> (RFC 7489 §6.1). */
    dmarcTxt: DnsAnswer<TxtRecord>;
    dkim: {
      /** TXT at _domainkey.<domain>: nodata means the name exists (an empty non-terminal), so some selector does. */
      domainkey?: DnsAnswer<TxtRecord>;
      /** TXT at <selector>._domainkey.<domain> for each selector probed (provider defaults plus configured ones). */
      selectors: Record<string, DnsAnswer<TxtRecord>>;
    };
    /** TXT at _mta-sts.<domain> (RFC 8461 §3.1). */
    mtaStsTxt: DnsAnswer<TxtRecord>;
    /** https://mta-sts.<domain>/.well-known/mta-sts.txt (RFC 8461 §3.2); absent when not fetched. */
    mtaStsPolicy?: HttpTextFetch;
    /** TXT at _smtp._tls.<domain> (RFC 8460 §3). */
    tlsRptTxt: DnsAnswer<TxtRecord>;
    /** One probe per MX exchange (not for a null MX). */
    smtp: SmtpProbe[];
  };
  web: {
    /** GET https://<domain>/ and its redirects. */
    https: HttpChain;
    /** GET http://<domain>/ and its redirects. */
    http: HttpChain;
    tls: TlsProbe;
    /** https://<domain>/.well-known/security.txt (RFC 9116 §3). */
    securityTxt: HttpTextFetch;
  };
  /** Lookalike domains and their DNS; absent when the brand scan did not run. */
  brand?: { lookalikes: LookalikeCapture[] };
  /** Per check id: the retriever gave up on what that check needs. analyze() reports these as 'error'. */
  checkErrors: Record<string, CaptureError>;
}
