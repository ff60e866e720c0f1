"""devcloud/lib/probe.py - checks that devcloud services really answer.

Run with the venv's python by the devcloud scripts (settings come from the
DEVCLOUD_* environment set by lib/common.sh, see `dc_py`):

  probe.py wait [--timeout S] NAME...   wait until every NAME answers; on a
                                        timeout or a dead process, name the
                                        service and show the end of its log
  probe.py status NAME...               one line per service, exit 1 if any
                                        is down

A service "answers" when an authenticated call to it succeeds (a token
issued by keystone, a listing from an API, an AMQP login, a SQL query...),
and, for daemons without an API, when the compute/volume service list says
it is up. Every check also requires the service's process to be alive.
"""

import json
import os
import socket
import sys
import time

import requests

E = os.environ
HOST = E["DEVCLOUD_HOST"]
RUN = E["DEVCLOUD_RUN"]
LOGS = E["DEVCLOUD_LOGS"]
KEYSTONE = "http://%s:%s" % (HOST, E["DEVCLOUD_KEYSTONE_PORT"])
KEYSTONE_TLS = "https://%s:%s" % (HOST, E["DEVCLOUD_KEYSTONE_TLS_PORT"])
KEYSTONE_MTLS = "https://%s:%s" % (HOST, E["DEVCLOUD_KEYSTONE_MTLS_PORT"])
TLS_DIR = E["DEVCLOUD_TLS_DIR"]


def url(port_var, path=""):
    return "http://%s:%s%s" % (HOST, E[port_var], path)


# Service name -> URL shown by `status` (or a description for infrastructure).
SHOWN = {
    "postgres": "postgresql://%s:%s" % (HOST, E["DEVCLOUD_PG_PORT"]),
    "epmd": "epmd %s:%s" % (HOST, E["DEVCLOUD_EPMD_PORT"]),
    "rabbitmq": "amqp://%s:%s" % (HOST, E["DEVCLOUD_RABBIT_PORT"]),
    "memcached": "memcached %s:%s" % (HOST, E["DEVCLOUD_MEMCACHED_PORT"]),
    "keystone": KEYSTONE + "/v3",
    "keystone-tls": "%s/v3 +mTLS :%s" % (KEYSTONE_TLS,
                                          E["DEVCLOUD_KEYSTONE_MTLS_PORT"]),
    "placement": url("DEVCLOUD_PLACEMENT_PORT"),
    "glance": url("DEVCLOUD_GLANCE_PORT"),
    "nova-api": url("DEVCLOUD_NOVA_PORT", "/v2.1"),
    "nova-conductor": "(rpc) via os-services",
    "nova-scheduler": "(rpc) via os-services",
    "nova-compute": "(rpc) %s: os-services, placement"
                    % E["DEVCLOUD_COMPUTE_HOST"],
    "nova-compute-2": "(rpc) %s: os-services, placement"
                      % E["DEVCLOUD_COMPUTE2_HOST"],
    "nova-hosts": "compute hosts mapped: os-hypervisors",
    "neutron": url("DEVCLOUD_NEUTRON_PORT"),
    "cinder-api": url("DEVCLOUD_CINDER_PORT", "/v3"),
    "cinder-scheduler": "(rpc) via os-services",
    "cinder-volume": "(rpc) via os-services, scheduler pools",
    "cinder-backup": "(rpc) via os-services",
    "swift-proxy": url("DEVCLOUD_SWIFT_PORT", "/v1/AUTH_<project>"),
    "swift-account": url("DEVCLOUD_SWIFT_ACCOUNT_PORT"),
    "swift-container": url("DEVCLOUD_SWIFT_CONTAINER_PORT"),
    "swift-object": url("DEVCLOUD_SWIFT_OBJECT_PORT"),
    "swift-container-updater": "(daemon)",
    "swift-syslog": "(drops swift's syslog copies)",
}


class Down(Exception):
    pass


def service_pid(name):
    try:
        with open(os.path.join(RUN, name + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def proc_stat(pid):
    """(state, ppid, rss_kb) of a process, or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0], int(fields[1]), int(fields[21]) * 4
    except (OSError, ValueError, IndexError):
        return None


def pid_alive(name):
    pid = service_pid(name)
    st = proc_stat(pid) if pid else None
    return st is not None and st[0] not in ("Z", "X")


def pss_kb(pid):
    """Proportional set size (shared pages split between their users)."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def service_memory(name, children):
    """(RSS KB, PSS KB, processes) of a service's process and descendants."""
    pid = service_pid(name)
    if pid is None or proc_stat(pid) is None:
        return 0, 0, 0
    todo, rss, pss, count = [pid], 0, 0, 0
    while todo:
        p = todo.pop()
        st = proc_stat(p)
        if st and st[0] not in ("Z", "X"):
            rss += st[2]
            pss += pss_kb(p)
            count += 1
        todo.extend(children.get(p, ()))
    return rss, pss, count


def children_map():
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = proc_stat(int(d))
            if st:
                children.setdefault(st[1], []).append(int(d))
    return children


_token = {}


def issue_token(base, **tls):
    """POST an admin project-scoped password auth to keystone at `base`."""
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"name": "Default"},
            "password": E["DEVCLOUD_ADMIN_PASSWORD"]}}},
        "scope": {"project": {"name": "admin",
                              "domain": {"name": "Default"}}}}}
    try:
        r = requests.post(base + "/v3/auth/tokens", json=body, timeout=10,
                          **tls)
    except requests.RequestException as e:
        raise Down("%s: %s" % (base, e.__class__.__name__))
    if r.status_code != 201:
        raise Down("%s: token request gave HTTP %s" % (base, r.status_code))
    return r


def token():
    """An admin project-scoped token (cached for this run)."""
    if "id" not in _token:
        r = issue_token(KEYSTONE)
        _token["id"] = r.headers["X-Subject-Token"]
        _token["project"] = r.json()["token"]["project"]["id"]
    return _token["id"]


def api_get(u, headers=None, ok=(200,), method="GET"):
    h = {"X-Auth-Token": token()}
    h.update(headers or {})
    try:
        r = requests.request(method, u, headers=h, timeout=10)
    except requests.RequestException as e:
        raise Down("%s: %s" % (u, e.__class__.__name__))
    if r.status_code == 401:
        _token.clear()
    if r.status_code not in ok:
        raise Down("%s %s gave HTTP %s" % (method, u, r.status_code))
    return r


def services_up(u, binary, extra=None, host=None):
    r = api_get(u + "?binary=" + binary, headers=extra)
    svcs = [s for s in r.json()["services"] if s["binary"] == binary
            and (host is None or s["host"] == host)]
    if not svcs:
        raise Down("%s not registered yet" % binary)
    bad = [s for s in svcs if s["state"] != "up"]
    if bad:
        raise Down("%s state is %s" % (binary, bad[0]["state"]))


def check_postgres():
    import psycopg2
    try:
        c = psycopg2.connect(host=HOST, port=E["DEVCLOUD_PG_PORT"],
                             user=E["DEVCLOUD_DB_USER"],
                             password=E["DEVCLOUD_DB_PASSWORD"],
                             dbname="postgres", connect_timeout=3)
        c.cursor().execute("SELECT 1")
        c.close()
    except psycopg2.Error as e:
        raise Down(str(e).strip().splitlines()[0])


def tcp_exchange(port, send, expect):
    try:
        with socket.create_connection((HOST, int(port)), timeout=3) as s:
            if send:
                s.sendall(send)
            data = s.recv(256)
    except OSError as e:
        raise Down(str(e))
    if not data.startswith(expect):
        raise Down("unexpected answer %r" % data[:40])


def check_epmd():
    # EPMD "names" request: 2-byte length + 'n'; the answer starts with the port.
    tcp_exchange(E["DEVCLOUD_EPMD_PORT"], b"\x00\x01n",
                 int(E["DEVCLOUD_EPMD_PORT"]).to_bytes(4, "big"))


def check_rabbitmq():
    import amqp
    try:
        c = amqp.Connection(host="%s:%s" % (HOST, E["DEVCLOUD_RABBIT_PORT"]),
                            userid="guest", password="guest",
                            connect_timeout=3)
        c.connect()
        c.close()
    except Exception as e:  # amqp raises many kinds
        raise Down("%s: %s" % (e.__class__.__name__, e))


def check_memcached():
    tcp_exchange(E["DEVCLOUD_MEMCACHED_PORT"], b"version\r\n", b"VERSION")


def check_keystone():
    _token.clear()
    token()


def check_keystone_tls():
    ca = os.path.join(TLS_DIR, "ca.pem")
    issue_token(KEYSTONE_TLS, verify=ca)
    issue_token(KEYSTONE_MTLS, verify=ca,
                cert=(os.path.join(TLS_DIR, "client.pem"),
                      os.path.join(TLS_DIR, "client.key")))


def check_placement():
    api_get(url("DEVCLOUD_PLACEMENT_PORT", "/resource_providers"),
            headers={"OpenStack-API-Version": "placement 1.0"})


def check_glance():
    api_get(url("DEVCLOUD_GLANCE_PORT", "/v2/images?limit=1"))


def check_nova_api():
    api_get(url("DEVCLOUD_NOVA_PORT", "/v2.1/flavors"))


def check_nova_service(binary):
    services_up(url("DEVCLOUD_NOVA_PORT", "/v2.1/os-services"), binary)


def check_nova_compute(host):
    services_up(url("DEVCLOUD_NOVA_PORT", "/v2.1/os-services"),
                "nova-compute", host=host)
    # The resource provider appears once the compute node is recorded.
    r = api_get(url("DEVCLOUD_PLACEMENT_PORT", "/resource_providers?name="
                    + host),
                headers={"OpenStack-API-Version": "placement 1.0"})
    if not r.json()["resource_providers"]:
        raise Down("compute node %s not in placement yet" % host)


def check_nova_hosts():
    # Lists only compute nodes mapped to a cell (nova-manage discover_hosts).
    r = api_get(url("DEVCLOUD_NOVA_PORT", "/v2.1/os-hypervisors"))
    mapped = {h["hypervisor_hostname"] for h in r.json()["hypervisors"]}
    missing = sorted({E["DEVCLOUD_COMPUTE_HOST"], E["DEVCLOUD_COMPUTE2_HOST"]}
                     - mapped)
    if missing:
        raise Down("compute host %s not mapped to cell1 (discover_hosts)"
                   % " ".join(missing))


def check_neutron():
    api_get(url("DEVCLOUD_NEUTRON_PORT", "/v2.0/networks?limit=1"))


def check_cinder_api():
    api_get(url("DEVCLOUD_CINDER_PORT", "/v3/volumes?limit=1"))


def check_cinder_service(binary):
    services_up(url("DEVCLOUD_CINDER_PORT", "/v3/os-services"), binary)


def check_cinder_volume():
    """Every cinder-volume backend is up *and* known to the scheduler.

    A backend reports its pools to the scheduler when it starts and then
    every minute; a report sent while the scheduler is still starting is
    lost, and until the next one every volume create fails with "No valid
    backend was found" (seen in CI). So a backend only answers once the
    scheduler's pool list names it.
    """
    check_cinder_service("cinder-volume")
    r = api_get(url("DEVCLOUD_CINDER_PORT", "/v3/os-services?binary=cinder-volume"))
    hosts = {s["host"] for s in r.json()["services"] if s["state"] == "up"}
    r = api_get(url("DEVCLOUD_CINDER_PORT", "/v3/scheduler-stats/get_pools"))
    known = {p["name"].split("#")[0] for p in r.json().get("pools", [])}
    missing = sorted(hosts - known)
    if missing:
        raise Down("the scheduler has no pools of %s yet" % ", ".join(missing))


def check_swift_proxy():
    token()
    api_get(url("DEVCLOUD_SWIFT_PORT", "/v1/AUTH_%s" % _token["project"]),
            ok=(200, 204), method="HEAD")


def check_swift_backend(port_var):
    try:
        r = requests.get(url(port_var, "/healthcheck"), timeout=5)
    except requests.RequestException as e:
        raise Down(e.__class__.__name__)
    if r.status_code != 200:
        raise Down("healthcheck gave HTTP %s" % r.status_code)


CHECKS = {
    "postgres": check_postgres,
    "epmd": check_epmd,
    "rabbitmq": check_rabbitmq,
    "memcached": check_memcached,
    "keystone": check_keystone,
    "keystone-tls": check_keystone_tls,
    "placement": check_placement,
    "glance": check_glance,
    "nova-api": check_nova_api,
    "nova-conductor": lambda: check_nova_service("nova-conductor"),
    "nova-scheduler": lambda: check_nova_service("nova-scheduler"),
    "nova-compute": lambda: check_nova_compute(E["DEVCLOUD_COMPUTE_HOST"]),
    "nova-compute-2": lambda: check_nova_compute(E["DEVCLOUD_COMPUTE2_HOST"]),
    "nova-hosts": check_nova_hosts,
    "neutron": check_neutron,
    "cinder-api": check_cinder_api,
    "cinder-scheduler": lambda: check_cinder_service("cinder-scheduler"),
    "cinder-volume": check_cinder_volume,
    "cinder-backup": lambda: check_cinder_service("cinder-backup"),
    "swift-proxy": check_swift_proxy,
    "swift-account": lambda: check_swift_backend("DEVCLOUD_SWIFT_ACCOUNT_PORT"),
    "swift-container": lambda: check_swift_backend(
        "DEVCLOUD_SWIFT_CONTAINER_PORT"),
    "swift-object": lambda: check_swift_backend("DEVCLOUD_SWIFT_OBJECT_PORT"),
    "swift-container-updater": lambda: None,
    "swift-syslog": lambda: None,
}


# Checks that are not a process of their own: the process they depend on.
PROCESS = {"nova-hosts": "nova-compute-2"}


def probe(name):
    """None if the service answers, else the reason it does not."""
    if not pid_alive(PROCESS.get(name, name)):
        return "process not running"
    try:
        CHECKS[name]()
    except Down as e:
        return str(e)
    return None


def log_tail(name, n=30):
    path = os.path.join(LOGS, name + ".log")
    try:
        with open(path, errors="replace") as f:
            lines = f.readlines()[-n:]
    except OSError:
        return "(no log file %s)\n" % path
    return ("---- last %d lines of %s ----\n%s---- end of %s ----\n"
            % (len(lines), path, "".join(lines), path))


def cmd_wait(names, timeout):
    start = time.monotonic()
    pending = list(names)
    reason = {}
    first_round = True
    while pending:
        for name in list(pending):
            reason[name] = probe(name)
            if reason[name] is None:
                pending.remove(name)
                if not first_round:
                    print("[devcloud] %-24s answers (after %.1fs)"
                          % (name, time.monotonic() - start), file=sys.stderr)
            elif reason[name] == "process not running":
                sys.stderr.write(
                    "[devcloud] ERROR: %s died during startup; see its log "
                    "%s\n%s" % (name, os.path.join(LOGS, name + ".log"),
                                log_tail(name)))
                return 1
        if pending and time.monotonic() - start > timeout:
            for name in pending:
                sys.stderr.write(
                    "[devcloud] ERROR: %s did not answer within %ds (%s); see "
                    "its log %s\n%s" % (name, timeout, reason[name],
                                        os.path.join(LOGS, name + ".log"),
                                        log_tail(name)))
            return 1
        if first_round and len(pending) < len(names):
            print("[devcloud] answering: %s" % " ".join(
                n for n in names if n not in pending), file=sys.stderr)
        first_round = False
        if pending:
            time.sleep(1)
    return 0


def cmd_status(names):
    down = 0
    children = children_map()
    total_rss = total_pss = total_procs = 0
    print("%-24s %-40s %7s  %s" % ("SERVICE", "URL", "RSS", "STATE"))
    for name in names:
        why = probe(name)
        if why:
            down += 1
        rss, pss, procs = ((0, 0, 0) if name in PROCESS
                           else service_memory(name, children))
        total_rss += rss
        total_pss += pss
        total_procs += procs
        print("%-24s %-40s %7s  %s" % (
            name, SHOWN.get(name, ""),
            "%dM" % (rss // 1024) if procs else "",
            "ok" if why is None else "DOWN: " + why))
    print("memory: %d processes, RSS sum %dM, PSS sum %dM (PSS counts "
          "shared pages once)" % (total_procs, total_rss // 1024,
                                  total_pss // 1024))
    return 1 if down else 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("wait", "status"):
        sys.exit(__doc__)
    args = argv[2:]
    timeout = 120
    if args[:1] == ["--timeout"]:
        timeout = int(args[1])
        args = args[2:]
    unknown = [a for a in args if a not in CHECKS]
    if unknown:
        sys.exit("unknown service(s): %s" % " ".join(unknown))
    if argv[1] == "wait":
        return cmd_wait(args, timeout)
    return cmd_status(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
