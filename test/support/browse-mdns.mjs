// A second process that browses the network by mDNS/DNS-SD for PairJudge hosts, as another
// machine on the LAN would: `node browse-mdns.mjs INTERFACE_ADDRESS NAME TIMEOUT_MS`. Prints the
// service it finds as one JSON line and exits 0, or exits 1 when none appears in time.
import { Bonjour } from 'bonjour-service';

const [iface, name, timeoutText] = process.argv.slice(2);
// Bound to 0.0.0.0, joined on the interface: a socket bound to a unicast address never sees multicast.
// (multicast-dns options; bonjour-service passes them on but types them as a service's.)
const mdnsOptions = /** @type {object} */ (iface ? { interface: iface, bind: '0.0.0.0' } : {});
const bonjour = new Bonjour(mdnsOptions, (/** @type {Error} */ error) => {
  console.error(`mdns error: ${error.message}`);
});
bonjour.find({ type: 'pairjudge' }, (service) => {
  if (name && service.name !== name) return;
  console.log(JSON.stringify({ name: service.name, port: service.port, txt: service.txt, referer: service.referer?.address }));
  bonjour.destroy(() => process.exit(0));
});
setTimeout(() => {
  console.error('no PairJudge host found');
  process.exit(1);
}, Number(timeoutText ?? 10_000));
