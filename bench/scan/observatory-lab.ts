/**
 * The part of the Observatory's child process that points it at the loopback scanner lab: sockets to *.test names
 * get the lab's DNS server (so the Observatory pays the same DNS latency as Schild) and the lab's ports. Used by
 * bench/scan (in-process timing) and bench/cli (whole CLI run, as a --import preload).
 */
export const OBSERVATORY_LAB_SOCKETS = `
import net from 'node:net';
import { Resolver } from 'node:dns';
const cfg = JSON.parse(process.env.SCHILD_BENCH_OBSERVATORY);
const resolver = new Resolver({ timeout: 1500, tries: 2 });
resolver.setServers([cfg.dns]);
function lookup(hostname, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  resolver.resolve4(hostname, (err, addresses) => {
    if (err) return callback(err);
    if (options && options.all) return callback(null, addresses.map((address) => ({ address, family: 4 })));
    callback(null, addresses[0], 4);
  });
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (o && typeof o === 'object' && typeof o.host === 'string' && /\\.test\\.?$/i.test(o.host)) {
    const mapped = cfg.ports[String(o.port)];
    if (!mapped) throw new Error('no lab port for ' + o.host + ':' + o.port);
    o.port = mapped;
    o.lookup = lookup;
  }
  return connect.apply(this, args);
};
`;
