"""devcloud/lib/load.py - one-off load test of a running devcloud (see devcloud/load).

1. `openstack server create --min N --max N` on a fresh network; wait until
   all N are ACTIVE (or one fails, or the timeout).
2. PORTS ports through bulk POST /v2.0/ports requests of BATCH ports each,
   a few requests in parallel, spread over NETWORKS networks; all must
   succeed. (Neutron's IPAM reads every allocation of a subnet for each new
   address, so ports on one subnet get slower as it fills: 10,000 ports on a
   single subnet take several times longer than on ten.)
3. Grep the new part of every service log for database errors.
4. Delete everything it created. Prints timings throughout.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import time

import openstack

E = os.environ
LOGS = E["DEVCLOUD_LOGS"]
VENV_BIN = os.path.dirname(sys.executable)
DB_ERRORS = re.compile(
    r"OperationalError|database is locked|[Dd]eadlock|IntegrityError|"
    r"DBError|DBConnectionError|DBDuplicateEntry|QueuePool limit|"
    r"too many clients|remaining connection slots|"
    r"could not serialize access|InternalError|ProgrammingError")


def say(msg, t0=None):
    extra = "" if t0 is None else " (%.1fs)" % (time.monotonic() - t0)
    print("[load %s] %s%s" % (time.strftime("%H:%M:%S"), msg, extra),
          flush=True)


def log_sizes():
    return {f: os.path.getsize(f) for f in glob.glob(os.path.join(LOGS, "*.log"))}


def db_errors_since(sizes):
    found = {}
    for f in glob.glob(os.path.join(LOGS, "*.log")):
        with open(f, "rb") as fh:
            fh.seek(sizes.get(f, 0))
            for line in fh.read().decode(errors="replace").splitlines():
                if DB_ERRORS.search(line):
                    found.setdefault(os.path.basename(f), []).append(line)
    return found


def wait_servers(conn, prefix, count, timeout):
    t0 = time.monotonic()
    while True:
        servers = [s for s in conn.compute.servers(name="^%s" % prefix)]
        status = {}
        for s in servers:
            status[s.status] = status.get(s.status, 0) + 1
        if status.get("ERROR"):
            return servers, status
        if len(servers) >= count and status.get("ACTIVE", 0) == count:
            return servers, status
        if time.monotonic() - t0 > timeout:
            return servers, status
        time.sleep(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--servers", type=int, default=50)
    ap.add_argument("--ports", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--parallel", type=int, default=4)
    ap.add_argument("--networks", type=int, default=10)
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()

    conn = openstack.connect(cloud="devcloud")
    tag = "load-%d" % int(time.time())
    sizes = log_sizes()
    problems = []
    t_all = time.monotonic()

    nets = []
    for i in range(max(1, args.networks)):
        net = conn.network.create_network(name="net-%s-%d" % (tag, i))
        conn.network.create_subnet(name="sub-%s-%d" % (tag, i),
                                   network_id=net.id, ip_version=4,
                                   cidr="10.%d.0.0/16" % (100 + i))
        nets.append(net)
    net = nets[0]
    say("created %d networks net-%s-N (10.100+N.0.0/16)" % (len(nets), tag))
    try:
        # 1. multi-create through the CLI, as a user would.
        if args.servers:
            t0 = time.monotonic()
            cmd = [os.path.join(VENV_BIN, "openstack"), "--os-cloud",
                   "devcloud", "server", "create", "--flavor", "m1.tiny",
                   "--image", "cirros", "--network", net.id,
                   "--min", str(args.servers), "--max", str(args.servers),
                   "vm-" + tag, "-f", "value", "-c", "id"]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            say("server create --min %d --max %d accepted" %
                (args.servers, args.servers), t0)
            servers, status = wait_servers(conn, "vm-" + tag, args.servers,
                                           args.timeout)
            active = status.get("ACTIVE", 0)
            say("servers: %d/%d ACTIVE, statuses %s" %
                (active, args.servers, status), t0)
            if active != args.servers:
                problems.append("only %d of %d servers ACTIVE (%s)" %
                                (active, args.servers, status))

        # 2. bulk port creation.
        if args.ports:
            t0 = time.monotonic()
            batches = [min(args.batch, args.ports - i)
                       for i in range(0, args.ports, args.batch)]

            def create_batch(i_n):
                i, n = i_n
                body = {"ports": [{"network_id": nets[i % len(nets)].id,
                                   "name": "p-%s-%d-%d" % (tag, i, j)}
                                  for j in range(n)]}
                t = time.monotonic()
                r = conn.network.post("/ports", json=body)
                if r.status_code != 201:
                    return 0, time.monotonic() - t, "HTTP %d: %s" % (
                        r.status_code, r.text[:200])
                return len(r.json()["ports"]), time.monotonic() - t, None

            created, slowest, errors = 0, 0.0, []
            ex = concurrent.futures.ThreadPoolExecutor(args.parallel)
            try:
                for k, (n, dt, err) in enumerate(
                        ex.map(create_batch, enumerate(batches))):
                    created += n
                    slowest = max(slowest, dt)
                    if err:
                        errors.append(err)
                    if (k + 1) % 10 == 0:
                        say("  %d ports so far" % created, t0)
            finally:
                ex.shutdown(cancel_futures=True)
            say("ports: %d/%d created in %d bulk requests (%d in parallel, "
                "slowest request %.1fs), %d failed requests" %
                (created, args.ports, len(batches), args.parallel, slowest,
                 len(errors)), t0)
            for err in errors[:5]:
                say("  failed request: " + err)
            listed = sum(1 for n in nets
                         for p in conn.network.ports(network_id=n.id)
                         if p.name.startswith("p-" + tag))
            say("ports listed on the network with our names: %d" %
                listed)
            if created != args.ports or errors:
                problems.append("%d of %d ports created, %d failed requests"
                                % (created, args.ports, len(errors)))
    finally:
        # 4. clean up (servers first: their ports go with them).
        t0 = time.monotonic()
        for s in conn.compute.servers(name="^vm-" + tag):
            conn.compute.delete_server(s)
        deadline = time.monotonic() + args.timeout
        while (list(conn.compute.servers(name="^vm-" + tag)) and
               time.monotonic() < deadline):
            time.sleep(2)
        say("servers deleted", t0)
        t1 = time.monotonic()
        ports = [p.id for n in nets for p in conn.network.ports(network_id=n.id)
                 if p.device_owner in ("", None)]
        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            list(ex.map(lambda pid: conn.network.delete_port(
                pid, ignore_missing=True), ports))
        say("%d ports deleted (8 in parallel)" % len(ports), t1)
        for n in nets:
            conn.network.delete_network(n.id)
        say("cleanup done", t0)

    # 3. database errors in any service log, written during this run.
    found = db_errors_since(sizes)
    if found:
        for name, lines in sorted(found.items()):
            say("DB errors in %s: %d, e.g. %s" % (name, len(lines),
                                                  lines[0][:300]))
        problems.append("database errors in %s" % ", ".join(sorted(found)))
    else:
        say("no database errors in any service log")

    say("total", t_all)
    if problems:
        for p in problems:
            say("PROBLEM: " + p)
        return 1
    say("load test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
