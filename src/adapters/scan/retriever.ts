/**
 * The retriever: all network I/O of a domain scan, captured once into a Snapshot (core/scan/snapshot.ts) that the
 * pure checks then read. Each capture has a time budget; when it runs out, the capture is recorded as an error for
 * the checks that need it and the rest of the scan goes on.
 */
import type { CaptureError, DnsAnswer, MxRecord, NameServerStatus, Snapshot, SpfLookups, TxtRecord } from '../../core/scan/snapshot.ts';
import { isSpfRecord, parseSpf, SPF_MX_ADDRESS_LOOKUP_LIMIT } from '../../core/scan/spf.ts';
import { generateLookalikes } from '../../core/scan/lookalike.ts';
import { DKIM_COMMON_SELECTORS, DKIM_PROVIDER_SELECTORS } from '../../core/scan/dkim.ts';
import { isContactable } from './address-guard.ts';
import { ScanDns } from './dns.ts';
import { fetchChain, fetchText, probeSmtp, probeTls, type NetOptions } from './net.ts';

export interface RetrieveOptions {
  resolver?: string;
  allowPrivate: boolean;
  portMap: Record<number, number>;
  extraCa?: string;
  /** Per network operation. */
  timeoutMs: number;
  /** Per capture (one check's worth of I/O). */
  budgetMs: number;
  dkimSelectors: string[];
  lookalikes: number;
  onProgress?: (step: string, done: number, total: number) => void;
  /** After each step, the snapshot so far (parts not captured yet read as timeouts), for results as they arrive. */
  onPartial?: (snapshot: Snapshot, stepsDone: string[]) => void;
  now?: () => Date;
}

/** Selectors the big providers publish by default, and common ones (core/scan/dkim.ts keeps the lists). */
export const DEFAULT_DKIM_SELECTORS: string[] = [...new Set([...Object.values(DKIM_PROVIDER_SELECTORS).flat(), ...DKIM_COMMON_SELECTORS])];

class BudgetExceeded extends Error {}

function withBudget<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded(`took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Follows include: and redirect= (and a/mx/exists) of the SPF record so the check can count lookups offline. */
async function walkSpf(dns: ScanDns, domain: string, apex: DnsAnswer<TxtRecord>): Promise<SpfLookups> {
  const lookups: SpfLookups = { txt: {}, a: {}, mx: {} };
  const queue: { domain: string; txt: DnsAnswer<TxtRecord> }[] = [{ domain, txt: apex }];
  let steps = 0;
  while (queue.length > 0 && steps < 40) {
    const { domain: current, txt } = queue.shift()!;
    steps++;
    if (txt.status !== 'ok') continue;
    const record = txt.records.find(isSpfRecord);
    if (!record) continue;
    for (const term of parseSpf(record).terms) {
      const target = term.target ?? current;
      if (/%\{/.test(target)) continue; // macros need a sender (RFC 7208 §7)
      const kind = term.type === 'mechanism' ? term.mechanism : term.name;
      if (kind === 'include' || kind === 'redirect') {
        if (lookups.txt[target]) continue; // a loop or a repeat: the check finds it from the map
        lookups.txt[target] = await dns.txt(target);
        queue.push({ domain: target, txt: lookups.txt[target]! });
      } else if ((kind === 'a' || kind === 'exists') && !lookups.a[target]) {
        lookups.a[target] = await dns.addresses(target);
      } else if (kind === 'mx' && !lookups.mx[target]) {
        const mx = (lookups.mx[target] = await dns.mx(target));
        // An evaluator then looks up each MX host's addresses (at most 10 of them, RFC 7208 §4.6.4); a timeout
        // there makes the result incomplete, so those answers are captured too.
        const hosts = mx.status === 'ok' ? mx.records.map((r) => r.exchange).filter((h) => h !== '' && h !== '.').slice(0, SPF_MX_ADDRESS_LOOKUP_LIMIT) : [];
        await Promise.all(hosts.filter((h) => !lookups.a[h]).map(async (h) => (lookups.a[h] = await dns.addresses(h))));
      }
    }
  }
  return lookups;
}

export async function retrieve(domainInput: string, opts: RetrieveOptions): Promise<Snapshot> {
  const domain = domainInput.trim().toLowerCase().replace(/\.$/, '');
  const dns = new ScanDns({ ...(opts.resolver ? { resolver: opts.resolver } : {}), timeoutMs: opts.timeoutMs, guard: { allowPrivate: opts.allowPrivate } });
  const netOpts: NetOptions = { dns, allowPrivate: opts.allowPrivate, portMap: opts.portMap, ...(opts.extraCa ? { extraCa: opts.extraCa } : {}), timeoutMs: opts.timeoutMs };
  const now = opts.now ?? (() => new Date());
  const checkErrors: Record<string, CaptureError> = {};
  const steps = ['dns', 'mail', 'web', 'brand'];
  let done = 0;
  const progress = (step: string) => opts.onProgress?.(step, ++done, steps.length);

  /** Runs one capture within its budget; on failure records the error for the given checks and returns the fallback. */
  async function capture<T>(checks: string[], work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await withBudget(opts.budgetMs, work());
    } catch (err) {
      for (const c of checks) checkErrors[c] = { reason: err instanceof BudgetExceeded ? 'timeout' : 'other', message: (err as Error).message };
      return fallback;
    }
  }
  const timeout: DnsAnswer<never> = { status: 'error', reason: 'timeout' };

  // DNS
  const [ns, caa] = await Promise.all([capture(['dns.ns'], () => dns.ns(domain), timeout), capture(['dns.caa'], () => dns.caa(domain), timeout)]);
  const nameServers = await capture<NameServerStatus[]>(
    ['dns.ns'],
    async () =>
      Promise.all(
        (ns.status === 'ok' ? ns.records : []).slice(0, 6).map(async (host) => {
          const addresses = await dns.addresses(host);
          const list = addresses.status === 'ok' ? addresses.records : [];
          if (list.length === 0) return { host, addresses: list, answered: false };
          // The name server's addresses come from the scanned domain: only one the address guard allows is asked.
          const first = list.find((a) => isContactable(a, { allowPrivate: opts.allowPrivate }));
          if (!first) return { host, addresses: list, answered: false, blocked: true };
          const soa = await dns.raw(domain, 'SOA', `${first.includes(':') ? `[${first}]` : first}:${opts.portMap[53] ?? 53}`);
          if (soa.answer.status === 'error' && soa.answer.reason === 'blocked') return { host, addresses: list, answered: false, blocked: true };
          return { host, addresses: list, answered: soa.answer.status === 'ok', authoritative: soa.aa };
        }),
      ),
    [],
  );
  const dnssec = await capture<Snapshot['dns']['dnssec']>(
    ['dns.dnssec'],
    async () => {
      const [ds, dnskey, soa] = await Promise.all([dns.raw(domain, 'DS'), dns.raw(domain, 'DNSKEY'), dns.raw(domain, 'SOA')]);
      // AD set means a validating resolver checked the chain. AD clear says nothing: the resolver may simply not
      // validate (a broken chain shows as SERVFAIL instead), so it is left undefined rather than "not validated".
      return { ds: ds.answer, dnskey: dnskey.answer, ...(soa.ad ? { validated: true } : {}) };
    },
    { ds: timeout, dnskey: timeout },
  );
  progress('dns');
  const notYet: DnsAnswer<never> = { status: 'error', reason: 'timeout' };
  const partial = (over: Partial<Snapshot>, stepsDone: string[]) =>
    opts.onPartial?.(
      {
        domain,
        capturedAt: now().toISOString(),
        dns: { ns, nameServers, caa, dnssec },
        mail: { mx: notYet, apexTxt: notYet, spfLookups: { txt: {}, a: {}, mx: {} }, dmarcTxt: notYet, dkim: { selectors: {} }, mtaStsTxt: notYet, tlsRptTxt: notYet, smtp: [] },
        web: { https: { status: 'timeout', hops: [] }, http: { status: 'timeout', hops: [] }, tls: { host: domain, status: 'timeout' }, securityTxt: { status: 'timeout', url: '' } },
        checkErrors: { ...checkErrors },
        ...over,
      },
      stepsDone,
    );
  partial({}, ['dns']);

  // Mail
  const [mx, apexTxt, dmarcTxt, mtaStsTxt, tlsRptTxt, domainkey] = await Promise.all([
    capture(['mail.mx', 'mail.null_mx', 'mail.starttls'], () => dns.mx(domain), timeout),
    capture(['mail.spf'], () => dns.txt(domain), timeout),
    capture(['mail.dmarc'], () => dns.txt(`_dmarc.${domain}`), timeout),
    capture(['mail.mta_sts'], () => dns.txt(`_mta-sts.${domain}`), timeout),
    capture(['mail.tlsrpt'], () => dns.txt(`_smtp._tls.${domain}`), timeout),
    capture(['mail.dkim'], () => dns.txt(`_domainkey.${domain}`), timeout),
  ]);
  const spfLookups = await capture(['mail.spf'], () => walkSpf(dns, domain, apexTxt), { txt: {}, a: {}, mx: {} });
  const selectors: Record<string, DnsAnswer<TxtRecord>> = {};
  await capture(
    ['mail.dkim'],
    async () => {
      await Promise.all(
        [...new Set(opts.dkimSelectors)].slice(0, 30).map(async (s) => {
          selectors[s] = await dns.txt(`${s}._domainkey.${domain}`);
        }),
      );
    },
    undefined,
  );
  const mtaStsPolicy = mtaStsTxt.status === 'ok' ? await capture(['mail.mta_sts'], () => fetchText(netOpts, `https://mta-sts.${domain}/.well-known/mta-sts.txt`), undefined) : undefined;
  const exchanges = mx.status === 'ok' ? mx.records.filter((r: MxRecord) => r.exchange !== '' && r.exchange !== '.').slice(0, 5) : [];
  const smtp = await capture(['mail.starttls'], () => Promise.all(exchanges.map((r) => probeSmtp(netOpts, r.exchange))), []);
  progress('mail');
  const mailPart: Snapshot['mail'] = { mx, apexTxt, spfLookups, dmarcTxt, dkim: { domainkey, selectors }, mtaStsTxt, ...(mtaStsPolicy ? { mtaStsPolicy } : {}), tlsRptTxt, smtp };
  partial({ mail: mailPart }, ['dns', 'mail']);

  // Web
  const [httpsChain, httpChain, tlsProbe, securityTxt] = await Promise.all([
    capture(['web.https', 'web.redirect', 'web.hsts', 'web.csp', 'web.frame', 'web.xcto', 'web.referrer', 'web.cookies', 'web.sri', 'web.server_disclosure'], () => fetchChain(netOpts, `https://${domain}/`), {
      status: 'timeout' as const,
      hops: [],
    }),
    capture(['web.redirect'], () => fetchChain(netOpts, `http://${domain}/`), { status: 'timeout' as const, hops: [] }),
    capture(['web.cert', 'web.tls_version'], () => probeTls(netOpts, domain), { host: domain, status: 'timeout' as const }),
    capture(['web.securitytxt'], () => fetchText(netOpts, `https://${domain}/.well-known/security.txt`), { status: 'timeout' as const, url: `https://${domain}/.well-known/security.txt` }),
  ]);
  progress('web');
  partial({ mail: mailPart, web: { https: httpsChain, http: httpChain, tls: tlsProbe, securityTxt } }, ['dns', 'mail', 'web']);

  // Brand: registered lookalikes (A or MX present), bounded in count.
  let brand: Snapshot['brand'];
  if (opts.lookalikes > 0) {
    brand = await capture(
      ['brand.lookalike'],
      async () => {
        const candidates = generateLookalikes(domain, { max: opts.lookalikes });
        const lookalikes = await Promise.all(
          candidates.map(async (c) => {
            const [a, m] = await Promise.all([dns.a(c.domain), dns.mx(c.domain)]);
            return { domain: c.domain, kinds: c.kinds, a, mx: m };
          }),
        );
        return { lookalikes };
      },
      { lookalikes: [] },
    );
  }
  progress('brand');

  return {
    domain,
    capturedAt: now().toISOString(),
    dns: { ns, nameServers, caa, dnssec },
    mail: {
      mx,
      apexTxt,
      spfLookups,
      dmarcTxt,
      dkim: { domainkey, selectors },
      mtaStsTxt,
      ...(mtaStsPolicy ? { mtaStsPolicy } : {}),
      tlsRptTxt,
      smtp,
    },
    web: { https: httpsChain, http: httpChain, tls: tlsProbe, securityTxt },
    ...(brand ? { brand } : {}),
    checkErrors,
  };
}
