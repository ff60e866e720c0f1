"""devcloud/lib/bootstrap.py - idempotent registration and shared resources.

Run by `up` with the venv's python (settings from the DEVCLOUD_* environment):

  bootstrap.py identity    catalog (services + public/internal/admin endpoints
                           in RegionOne), service users, roles, the demo
                           project/user, its application credential, and
                           $DEVCLOUD_DIR/clouds.yaml
  bootstrap.py resources   high quotas for admin and demo, flavor m1.tiny,
                           image cirros, external network public + subnet

Every step looks before it creates, so running it again changes nothing.
"""

import os
import sys

import openstack
import yaml

E = os.environ
HOST = E["DEVCLOUD_HOST"]
REGION = E["DEVCLOUD_REGION"]
AUTH_URL = "http://%s:%s/v3" % (HOST, E["DEVCLOUD_KEYSTONE_PORT"])
SERVICE_PASSWORD = E["DEVCLOUD_SERVICE_PASSWORD"]
# The TLS front (keystone-tls, see up and lib/tls.sh).
TLS_DIR = E["DEVCLOUD_TLS_DIR"]
TLS_AUTH_URL = "https://%s:%s/v3" % (HOST, E["DEVCLOUD_KEYSTONE_TLS_PORT"])
MTLS_AUTH_URL = "https://%s:%s/v3" % (HOST, E["DEVCLOUD_KEYSTONE_MTLS_PORT"])


def port(name):
    return E["DEVCLOUD_%s_PORT" % name]


# (name, type, URL) of every service in the catalog. The identity service and
# its endpoints are created by `keystone-manage bootstrap`.
CATALOG = [
    ("placement", "placement", "http://%s:%s" % (HOST, port("PLACEMENT"))),
    ("glance", "image", "http://%s:%s" % (HOST, port("GLANCE"))),
    ("nova", "compute", "http://%s:%s/v2.1" % (HOST, port("NOVA"))),
    ("neutron", "network", "http://%s:%s" % (HOST, port("NEUTRON"))),
    ("cinder", "block-storage", "http://%s:%s/v3" % (HOST, port("CINDER"))),
    ("cinderv3", "volumev3", "http://%s:%s/v3" % (HOST, port("CINDER"))),
    ("swift", "object-store",
     "http://%s:%s/v1/AUTH_%%(project_id)s" % (HOST, port("SWIFT"))),
]
SERVICE_USERS = ["placement", "glance", "nova", "neutron", "cinder", "swift"]
INTERFACES = ["public", "internal", "admin"]


def admin_conn(**scope):
    auth = {"auth_url": AUTH_URL, "username": "admin",
            "password": E["DEVCLOUD_ADMIN_PASSWORD"],
            "user_domain_name": "Default"}
    if scope:
        auth.update(scope)
    else:
        auth.update(project_name="admin", project_domain_name="Default")
    return openstack.connect(auth=auth, region_name=REGION,
                             identity_api_version="3", interface="public")


def ensure_role(idc, name):
    return idc.find_role(name) or idc.create_role(name=name)


def ensure_project(idc, name, description):
    return (idc.find_project(name, domain_id="default") or
            idc.create_project(name=name, domain_id="default",
                               description=description))


def ensure_user(idc, name, password, project):
    user = idc.find_user(name, domain_id="default")
    if user is None:
        user = idc.create_user(name=name, password=password,
                               domain_id="default",
                               default_project_id=project.id)
    return user


def grant(idc, project, user, role):
    if not idc.validate_user_has_project_role(project, user, role):
        idc.assign_project_role_to_user(project, user, role)


def do_identity():
    conn = admin_conn()
    idc = conn.identity
    roles = {r: ensure_role(idc, r)
             for r in ("admin", "member", "reader", "service",
                       "ResellerAdmin")}
    service_project = ensure_project(idc, "service", "devcloud services")
    for name in SERVICE_USERS:
        user = ensure_user(idc, name, SERVICE_PASSWORD, service_project)
        for r in ("admin", "service"):
            grant(idc, service_project, user, roles[r])

    existing = {(s.name, s.type): s for s in idc.services()}
    endpoints = [(e.service_id, e.interface) for e in idc.endpoints()]
    for name, stype, url in CATALOG:
        svc = existing.get((name, stype))
        if svc is None:
            svc = idc.create_service(name=name, type=stype, is_enabled=True)
        for iface in INTERFACES:
            if (svc.id, iface) not in endpoints:
                idc.create_endpoint(service_id=svc.id, interface=iface,
                                    url=url, region_id=REGION)

    demo_project = ensure_project(idc, "demo", "devcloud demo project")
    demo = ensure_user(idc, "demo", E["DEVCLOUD_DEMO_PASSWORD"], demo_project)
    grant(idc, demo_project, demo, roles["member"])
    admin_project = idc.find_project("admin", domain_id="default")
    admin = idc.find_user("admin", domain_id="default")
    # The admin user also gets member in demo, handy for cross-project tests.
    grant(idc, demo_project, admin, roles["member"])

    # Application credential of the demo user, with a fixed secret so that it
    # can be written to clouds.yaml on every run.
    demo_conn = openstack.connect(
        auth={"auth_url": AUTH_URL, "username": "demo",
              "password": E["DEVCLOUD_DEMO_PASSWORD"],
              "user_domain_name": "Default", "project_name": "demo",
              "project_domain_name": "Default"},
        region_name=REGION, identity_api_version="3")
    appcred = None
    for ac in demo_conn.identity.application_credentials(demo.id):
        if ac.name == "devcloud-appcred":
            appcred = ac
    if appcred is None:
        appcred = demo_conn.identity.create_application_credential(
            demo.id, name="devcloud-appcred",
            secret=E["DEVCLOUD_APPCRED_SECRET"],
            description="devcloud: application credential of user demo")

    write_clouds_yaml(appcred.id)
    print("identity: catalog, users and clouds.yaml ready "
          "(admin project %s, demo project %s)"
          % (admin_project.id, demo_project.id))


def write_clouds_yaml(appcred_id):
    def password_cloud(user, password, auth_url=AUTH_URL, **scope):
        return {"auth": dict({"auth_url": auth_url, "username": user,
                              "password": password,
                              "user_domain_name": "Default"}, **scope),
                "auth_type": "password",
                "region_name": REGION, "interface": "public",
                "identity_api_version": 3}
    project = {"project_domain_name": "Default"}
    admin = dict(user="admin", password=E["DEVCLOUD_ADMIN_PASSWORD"],
                 project_name="admin", **project)

    def tls(name):
        return os.path.join(TLS_DIR, name)
    clouds = {
        "devcloud": password_cloud("admin", E["DEVCLOUD_ADMIN_PASSWORD"],
                                   project_name="admin", **project),
        "devcloud-demo": password_cloud("demo", E["DEVCLOUD_DEMO_PASSWORD"],
                                        project_name="demo", **project),
        "devcloud-appcred": {
            "auth_type": "v3applicationcredential",
            "auth": {"auth_url": AUTH_URL,
                     "application_credential_id": appcred_id,
                     "application_credential_secret":
                         E["DEVCLOUD_APPCRED_SECRET"]},
            "region_name": REGION, "interface": "public",
            "identity_api_version": 3},
        "devcloud-system": password_cloud("admin",
                                          E["DEVCLOUD_ADMIN_PASSWORD"],
                                          system_scope="all"),
        # Keystone over https; the catalog still lists the http endpoints.
        "devcloud-tls": dict(password_cloud(auth_url=TLS_AUTH_URL, **admin),
                             cacert=tls("ca.pem")),
        "devcloud-tls-insecure": dict(
            password_cloud(auth_url=TLS_AUTH_URL, **admin), verify=False),
        "devcloud-tls-client": dict(
            password_cloud(auth_url=MTLS_AUTH_URL, **admin),
            cacert=tls("ca.pem"), cert=tls("client.pem"),
            key=tls("client.key")),
    }
    path = E["DEVCLOUD_CLOUDS_YAML"]
    text = ("# Written by devcloud/up; regenerated on every run.\n" +
            yaml.safe_dump({"clouds": clouds}, sort_keys=False))
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old != text:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)


BIG = 1000000
COMPUTE_QUOTAS = dict(instances=BIG, cores=BIG, ram=BIG * 1024,
                      key_pairs=BIG, server_groups=BIG,
                      server_group_members=BIG, metadata_items=BIG)
NETWORK_QUOTAS = dict(ports=BIG, networks=BIG, subnets=BIG, routers=BIG,
                      floating_ips=BIG, security_groups=BIG,
                      security_group_rules=BIG, subnet_pools=BIG,
                      rbac_policies=BIG)
VOLUME_QUOTAS = dict(volumes=BIG, gigabytes=BIG, snapshots=BIG,
                     backups=BIG, backup_gigabytes=BIG, groups=BIG)


def do_resources():
    conn = admin_conn()
    for name in ("admin", "demo"):
        project = conn.identity.find_project(name, domain_id="default")
        q = conn.compute.get_quota_set(project.id)
        if any(getattr(q, k) != v for k, v in COMPUTE_QUOTAS.items()):
            conn.compute.update_quota_set(project.id, **COMPUTE_QUOTAS)
        q = conn.network.get_quota(project.id)
        if any(getattr(q, k) != v for k, v in NETWORK_QUOTAS.items()):
            conn.network.update_quota(project.id, **NETWORK_QUOTAS)
        q = conn.block_storage.get_quota_set(project.id)
        if any(getattr(q, k) != v for k, v in VOLUME_QUOTAS.items()):
            conn.block_storage.update_quota_set(project.id, **VOLUME_QUOTAS)

    if conn.compute.find_flavor("m1.tiny") is None:
        conn.compute.create_flavor(name="m1.tiny", vcpus=1, ram=512, disk=1,
                                   is_public=True)

    image = conn.image.find_image("cirros")
    if image is not None and image.status != "active":
        conn.image.delete_image(image)
        image = None
    if image is None:
        # Not a real cirros: a tiny raw disk of zeros (no hypervisor boots it).
        conn.image.create_image(
            name="cirros", disk_format="raw", container_format="bare",
            visibility="public", data=b"\0" * 65536,
            allow_duplicates=True)

    net = conn.network.find_network("public")
    if net is None:
        net = conn.network.create_network(
            name="public", is_router_external=True, is_shared=True,
            provider_network_type="flat", provider_physical_network="public")
    if conn.network.find_subnet("public-subnet", network_id=net.id) is None:
        conn.network.create_subnet(
            name="public-subnet", network_id=net.id, ip_version=4,
            cidr="172.24.4.0/24", gateway_ip="172.24.4.1",
            is_dhcp_enabled=False,
            allocation_pools=[{"start": "172.24.4.2",
                               "end": "172.24.4.254"}])
    print("resources: quotas, m1.tiny, cirros and public network ready")


if __name__ == "__main__":
    if sys.argv[1:] == ["identity"]:
        do_identity()
    elif sys.argv[1:] == ["resources"]:
        do_resources()
    else:
        sys.exit(__doc__)
