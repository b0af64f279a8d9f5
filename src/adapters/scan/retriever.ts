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

/**
 * Follows include: and redirect= (and a/mx/exists) of the SPF record so the check can count lookups offline. All
 * terms of one record are asked at once, so the walk waits once per level of includes, not once per term.
 */
async function walkSpf(dns: ScanDns, domain: string, apex: DnsAnswer<TxtRecord>): Promise<SpfLookups> {
  const lookups: SpfLookups = { txt: {}, a: {}, mx: {} };
  let level: { domain: string; txt: DnsAnswer<TxtRecord> }[] = [{ domain, txt: apex }];
  let steps = 0;
  while (level.length > 0 && steps < 40) {
    const next: Promise<{ domain: string; txt: DnsAnswer<TxtRecord> }>[] = [];
    const pending: Promise<unknown>[] = [];
    for (const { domain: current, txt } of level) {
      if (++steps > 40) break;
      if (txt.status !== 'ok') continue;
      const record = txt.records.find(isSpfRecord);
      if (!record) continue;
      for (const term of parseSpf(record).terms) {
        const target = term.target ?? current;
        if (/%\{/.test(target)) continue; // macros need a sender (RFC 7208 §7)
        const kind = term.type === 'mechanism' ? term.mechanism : term.name;
        if (kind === 'include' || kind === 'redirect') {
          if (lookups.txt[target] || next.length + steps >= 40) continue; // a loop or a repeat: the check finds it from the map
          const asked = dns.txt(target).then((answer) => (lookups.txt[target] = answer));
          lookups.txt[target] = { status: 'error', reason: 'timeout' }; // claimed, so a repeat in this level is not asked twice
          next.push(asked.then((answer) => ({ domain: target, txt: answer })));
        } else if ((kind === 'a' || kind === 'exists') && !lookups.a[target]) {
          lookups.a[target] = { status: 'error', reason: 'timeout' };
          pending.push(dns.addresses(target).then((answer) => (lookups.a[target] = answer)));
        } else if (kind === 'mx' && !lookups.mx[target]) {
          lookups.mx[target] = { status: 'error', reason: 'timeout' };
          pending.push(
            dns.mx(target).then(async (mx) => {
              lookups.mx[target] = mx;
              // An evaluator then looks up each MX host's addresses (at most 10 of them, RFC 7208 §4.6.4); a timeout
              // there makes the result incomplete, so those answers are captured too.
              const hosts = mx.status === 'ok' ? mx.records.map((r) => r.exchange).filter((h) => h !== '' && h !== '.').slice(0, SPF_MX_ADDRESS_LOOKUP_LIMIT) : [];
              await Promise.all(hosts.filter((h) => !lookups.a[h]).map(async (h) => (lookups.a[h] = await dns.addresses(h))));
            }),
          );
        }
      }
    }
    await Promise.all(pending);
    level = await Promise.all(next);
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

  // Every chain starts at once and follows its own answers as they arrive (issue 13: a scan should wait for its
  // longest dependency chain, not for one phase after another). Names known up front are asked right away: the
  // domain's addresses (HTTPS, HTTP and TLS share them through ScanDns) and the MTA-STS host's. Only the hand-over
  // below keeps the fixed order dns → mail → web → brand, so progress reads the same as before.
  void dns.addresses(domain);
  void dns.addresses(`mta-sts.${domain}`);

  // DNS: NS → each name server's addresses → SOA asked at that server; CAA and DNSSEC names are known up front.
  const caaP = capture(['dns.caa'], () => dns.caa(domain), timeout);
  const nsP = capture(['dns.ns'], () => dns.ns(domain), timeout);
  const nameServersP = nsP.then((ns) =>
    capture<NameServerStatus[]>(
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
    ),
  );
  const dnssecP = capture<Snapshot['dns']['dnssec']>(
    ['dns.dnssec'],
    async () => {
      const [ds, dnskey, soa] = await Promise.all([dns.raw(domain, 'DS'), dns.raw(domain, 'DNSKEY'), dns.raw(domain, 'SOA')]);
      // AD set means a validating resolver checked the chain. AD clear says nothing: the resolver may simply not
      // validate (a broken chain shows as SERVFAIL instead), so it is left undefined rather than "not validated".
      return { ds: ds.answer, dnskey: dnskey.answer, ...(soa.ad ? { validated: true } : {}) };
    },
    { ds: timeout, dnskey: timeout },
  );

  // Mail: MX → exchange addresses → SMTP; SPF TXT → its include chain; MTA-STS TXT → policy; the rest up front.
  const mxP = capture(['mail.mx', 'mail.null_mx', 'mail.starttls'], () => dns.mx(domain), timeout);
  const apexTxtP = capture(['mail.spf'], () => dns.txt(domain), timeout);
  const dmarcTxtP = capture(['mail.dmarc'], () => dns.txt(`_dmarc.${domain}`), timeout);
  const mtaStsTxtP = capture(['mail.mta_sts'], () => dns.txt(`_mta-sts.${domain}`), timeout);
  const tlsRptTxtP = capture(['mail.tlsrpt'], () => dns.txt(`_smtp._tls.${domain}`), timeout);
  const domainkeyP = capture(['mail.dkim'], () => dns.txt(`_domainkey.${domain}`), timeout);
  const spfLookupsP = apexTxtP.then((apexTxt) => capture(['mail.spf'], () => walkSpf(dns, domain, apexTxt), { txt: {}, a: {}, mx: {} }));
  const selectors: Record<string, DnsAnswer<TxtRecord>> = {};
  const selectorsP = capture(
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
  // The policy host is contacted only when the domain says it publishes a policy.
  const mtaStsPolicyP = mtaStsTxtP.then((t) => (t.status === 'ok' ? capture(['mail.mta_sts'], () => fetchText(netOpts, `https://mta-sts.${domain}/.well-known/mta-sts.txt`), undefined) : undefined));
  const smtpP = mxP.then((mx) => {
    const exchanges = mx.status === 'ok' ? mx.records.filter((r: MxRecord) => r.exchange !== '' && r.exchange !== '.').slice(0, 5) : [];
    return capture(['mail.starttls'], () => Promise.all(exchanges.map((r) => probeSmtp(netOpts, r.exchange))), []);
  });

  // Web: all four at once; they share the domain's addresses.
  const webP = Promise.all([
    capture(['web.https', 'web.redirect', 'web.hsts', 'web.csp', 'web.frame', 'web.xcto', 'web.referrer', 'web.cookies', 'web.sri', 'web.server_disclosure'], () => fetchChain(netOpts, `https://${domain}/`), {
      status: 'timeout' as const,
      hops: [],
    }),
    capture(['web.redirect'], () => fetchChain(netOpts, `http://${domain}/`), { status: 'timeout' as const, hops: [] }),
    capture(['web.cert', 'web.tls_version'], () => probeTls(netOpts, domain), { host: domain, status: 'timeout' as const }),
    capture(['web.securitytxt'], () => fetchText(netOpts, `https://${domain}/.well-known/security.txt`), { status: 'timeout' as const, url: `https://${domain}/.well-known/security.txt` }),
  ]);

  // Brand: registered lookalikes (A or MX present), bounded in count; all names are known up front.
  const brandP: Promise<Snapshot['brand'] | undefined> =
    opts.lookalikes > 0
      ? capture(
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
        )
      : Promise.resolve(undefined);

  // Hand-over in a fixed order; the work above runs meanwhile.
  const [ns, caa, nameServers, dnssec] = await Promise.all([nsP, caaP, nameServersP, dnssecP]);
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

  const [mx, apexTxt, dmarcTxt, mtaStsTxt, tlsRptTxt, domainkey, spfLookups, , mtaStsPolicy, smtp] = await Promise.all([
    mxP,
    apexTxtP,
    dmarcTxtP,
    mtaStsTxtP,
    tlsRptTxtP,
    domainkeyP,
    spfLookupsP,
    selectorsP,
    mtaStsPolicyP,
    smtpP,
  ]);
  progress('mail');
  const mailPart: Snapshot['mail'] = { mx, apexTxt, spfLookups, dmarcTxt, dkim: { domainkey, selectors }, mtaStsTxt, ...(mtaStsPolicy ? { mtaStsPolicy } : {}), tlsRptTxt, smtp };
  partial({ mail: mailPart }, ['dns', 'mail']);

  const [httpsChain, httpChain, tlsProbe, securityTxt] = await webP;
  progress('web');
  partial({ mail: mailPart, web: { https: httpsChain, http: httpChain, tls: tlsProbe, securityTxt } }, ['dns', 'mail', 'web']);

  const brand = await brandP;
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
