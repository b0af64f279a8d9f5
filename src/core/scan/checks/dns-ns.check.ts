/**
 * dns.ns: at least two name servers (RFC 1034 §4.1, RFC 2182 §5), every one of them answering for the zone, and not
 * all in one network (RFC 2182 §3.1). If the only name server is down, mail and web are down with it.
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';

/** IPv4 /24 or IPv6 /48 of an address, for the topology hint. */
function network(ip: string): string {
  return ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
}

export const dnsNs = defineCheck({ id: 'dns.ns', severity: 'medium', role: 'dns' }, (snap) => {
  const ns = snap.dns.ns;
  if (ns.status === 'error') return { findings: [couldNotTest(ns.reason)] };
  const hosts = ns.status === 'ok' ? ns.records : [];
  const details = { nameServers: snap.dns.nameServers };
  if (hosts.length === 0) return { findings: [{ key: 'dns.ns.missing', status: 'fail', severity: 'high' }], details };

  const findings: Finding[] = [];
  if (hosts.length < 2) findings.push({ key: 'dns.ns.too_few', status: 'fail', params: { count: hosts.length } });
  // A name server at an address the scanner may not contact (private, loopback …) was not asked: could not test,
  // never "not answering".
  const blocked = snap.dns.nameServers.filter((s) => s.blocked);
  if (blocked.length > 0) findings.push(couldNotTest('blocked'));
  const tested = snap.dns.nameServers.filter((s) => !s.blocked);
  const silent = tested.filter((s) => !s.answered || s.authoritative === false).map((s) => s.host);
  if (silent.length === tested.length && silent.length > 0)
    findings.push({ key: 'dns.ns.none_answering', status: 'fail', severity: 'high' });
  else if (silent.length > 0)
    findings.push({ key: 'dns.ns.not_answering', status: 'fail', params: { hosts: silent.join(', '), count: silent.length } });
  const networks = new Set(snap.dns.nameServers.flatMap((s) => s.addresses.map(network)));
  if (hosts.length >= 2 && networks.size === 1) findings.push({ key: 'dns.ns.single_network', status: 'warn', severity: 'low' });
  return { findings, details };
});
