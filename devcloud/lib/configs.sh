# devcloud/lib/configs.sh - writes every service's configuration under $ETC.
# Sourced by `up` after lib/common.sh; `write_configs` is cheap and runs on
# every `up` (a running service only sees changes after down + up).

# keystonemiddleware section for a service user (usage: authtoken USER).
authtoken() {
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
region_name = $REGION
interface = public
service_token_roles_required = true
memcached_servers = $HOST:$MEMCACHED_PORT
EOF
}

# Password auth block for service-to-service clients (usage: svc_auth SECTION USER).
svc_auth() {
  cat <<EOF
[$1]
auth_type = password
auth_url = $KEYSTONE_URL/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASSWORD
region_name = $REGION
EOF
}

write_configs() {
  local d
  for d in keystone placement glance nova neutron/plugins/ml2 cinder swift rabbitmq; do
    mkdir -p "$ETC/$d"
  done
  mkdir -p "$DATA"/{keystone,glance/images,glance/images2,glance/staging,glance/tasks,glance/cache,nova,nova2,neutron,swift/node/d1,locks} "$LOGS" "$RUN" \
    "$DATA"/cinder/{volumes/file,volumes/file2,backups,conversion}

  # ---------------------------------------------------------------- rabbitmq
  cat >"$ETC/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = $HOST:$RABBIT_PORT
loopback_users.guest = true
disk_free_limit.absolute = 200MB
log.console = true
log.console.level = warning
log.file = false
EOF
  echo '[].' >"$ETC/rabbitmq/enabled_plugins"

  # ---------------------------------------------------------------- keystone
  cat >"$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
log_file = $LOGS/keystone.log
[database]
connection = $DB_URL_BASE/keystone
[token]
provider = fernet
expiration = 43200
[fernet_tokens]
key_repository = $DATA/keystone/fernet-keys
[credential]
key_repository = $DATA/keystone/credential-keys
[auth]
# keystone's defaults plus totp (v3totp and v3multifactor logins are tested).
methods = external,password,token,oauth1,mapped,application_credential,totp
[oslo_messaging_notifications]
driver = noop
EOF
  # keystone-tls (the https front, see up) reads keystone.conf, then this.
  cat >"$ETC/keystone/keystone-tls.conf" <<EOF
[DEFAULT]
log_file = $LOGS/keystone-tls.log
EOF

  # --------------------------------------------------------------- placement
  {
    cat <<EOF
[DEFAULT]
log_file = $LOGS/placement.log
[placement_database]
connection = $DB_URL_BASE/placement
[api]
auth_strategy = keystone
EOF
    authtoken placement
  } >"$ETC/placement/placement.conf"

  # ------------------------------------------------------------------ glance
  # Two file stores (fs, the default, and fs2) for copy-image and imports to chosen stores;
  # the interoperable import methods; web-download allowed from 127.0.0.1 on any port (the
  # tests serve the data themselves; other hosts are refused); the image cache with its API
  # (/v2/cache), which needs worker_self_reference_url for its centralized_db driver.
  cp "$VENV/etc/glance/glance-api-paste.ini" "$ETC/glance/glance-api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
log_file = $LOGS/glance.log
enabled_backends = fs:file, fs2:file
enabled_import_methods = [glance-direct,web-download,copy-image]
worker_self_reference_url = http://$HOST:$GLANCE_PORT
image_cache_dir = $DATA/glance/cache
[database]
connection = $DB_URL_BASE/glance
[paste_deploy]
flavor = keystone+caching
config_file = $ETC/glance/glance-api-paste.ini
[glance_store]
default_backend = fs
[fs]
store_description = the default file store
filesystem_store_datadir = $DATA/glance/images
[fs2]
store_description = a second file store (copy-image target)
filesystem_store_datadir = $DATA/glance/images2
[import_filtering_opts]
allowed_hosts = [$HOST]
allowed_ports = []
[os_glance_staging_store]
filesystem_store_datadir = $DATA/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/glance/tasks
[oslo_concurrency]
lock_path = $DATA/locks/glance
[oslo_messaging_notifications]
driver = noop
EOF
    authtoken glance
  } >"$ETC/glance/glance-api.conf"

  # -------------------------------------------------------------------- nova
  cp "$VENV/etc/nova/api-paste.ini" "$ETC/nova/api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
host = $COMPUTE_HOST
my_ip = $HOST
state_path = $DATA/nova
transport_url = $TRANSPORT_URL
compute_driver = fake.FakeDriverWithoutFakeNodes
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
allow_resize_to_same_host = true
instance_usage_audit = false
heal_instance_info_cache_interval = -1
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[api]
auth_strategy = keystone
[conductor]
workers = 1
[scheduler]
workers = 1
[filter_scheduler]
track_instance_changes = false
[oslo_concurrency]
lock_path = $DATA/locks/nova
[oslo_messaging_notifications]
driver = noop
[notifications]
notification_format = unversioned
[vnc]
enabled = true
[spice]
enabled = true
[serial_console]
enabled = true
[glance]
region_name = $REGION
valid_interfaces = public
[cinder]
os_region_name = $REGION
catalog_info = block-storage:cinder:publicURL
EOF
    authtoken nova
    svc_auth service_user nova
    echo "send_service_user_token = true"
    svc_auth placement placement
    echo "valid_interfaces = public"
    svc_auth neutron neutron
    echo "valid_interfaces = public"
  } >"$ETC/nova/nova.conf"
  # The second compute host: nova.conf plus this file (later files win). Its own
  # host name, state path (the fake driver's node UUID lives in state_path/compute_id)
  # and lock path, so resize, migrate, live-migrate and evacuate have somewhere to go.
  cat >"$ETC/nova/nova-compute2.conf" <<EOF
[DEFAULT]
host = $COMPUTE2_HOST
state_path = $DATA/nova2
[oslo_concurrency]
lock_path = $DATA/locks/nova2
EOF
  # DB access only for api/conductor/scheduler/nova-manage (not nova-compute).
  cat >"$ETC/nova/nova-db.conf" <<EOF
[database]
connection = $DB_URL_BASE/nova
[api_database]
connection = $DB_URL_BASE/nova_api
EOF
  # nova-api under uwsgi logs to its own file.
  cat >"$ETC/nova/nova-api-log.conf" <<EOF
[DEFAULT]
log_file = $LOGS/nova-api.log
EOF

  # ----------------------------------------------------------------- neutron
  # Service plugins that run without an agent (the API, the database and RPC casts nobody
  # answers); devcloud_bind declares the QoS rules and trunks it "supports". See README.md.
  local NEUTRON_SERVICE_PLUGINS=router,qos,trunk,segments,network_segment_range,port_forwarding
  NEUTRON_SERVICE_PLUGINS+=,conntrack_helper,metering,local_ip
  cp "$VENV/etc/neutron/api-paste.ini" "$ETC/neutron/api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
log_file = $LOGS/neutron.log
state_path = $DATA/neutron
core_plugin = ml2
service_plugins = $NEUTRON_SERVICE_PLUGINS
auth_strategy = keystone
api_paste_config = $ETC/neutron/api-paste.ini
transport_url = $TRANSPORT_URL
allow_overlapping_ips = true
dhcp_agent_notification = false
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
[database]
connection = $DB_URL_BASE/neutron
[oslo_concurrency]
lock_path = $DATA/locks/neutron
[oslo_messaging_notifications]
driver = noop
EOF
    authtoken neutron
    svc_auth nova neutron
    echo "endpoint_type = public"
  } >"$ETC/neutron/neutron.conf"
  cat >"$ETC/neutron/plugins/ml2/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vlan,vxlan,local
tenant_network_types = vxlan
mechanism_drivers = devcloud_bind
extension_drivers = port_security,qos
[ml2_type_flat]
flat_networks = public
[ml2_type_vlan]
network_vlan_ranges = physnet1:100:200
[ml2_type_vxlan]
vni_ranges = 1:5000
[securitygroup]
enable_security_group = true
EOF

  # ------------------------------------------------------------------ cinder
  cp "$VENV/etc/cinder/api-paste.ini" "$VENV/etc/cinder/resource_filters.json" "$ETC/cinder/"
  {
    cat <<EOF
[DEFAULT]
host = $COMPUTE_HOST
my_ip = $HOST
state_path = $DATA/cinder
transport_url = $TRANSPORT_URL
auth_strategy = keystone
api_paste_config = $ETC/cinder/api-paste.ini
osapi_volume_listen = $HOST
osapi_volume_listen_port = $CINDER_PORT
osapi_volume_workers = 1
# Two backends of the file-backed driver (devcloud/drivers): volumes are sparse
# files under data/cinder/volumes/<backend>; two, so that migration has a target.
enabled_backends = $(IFS=,; echo "${CINDER_BACKENDS[*]}")
default_volume_type = __DEFAULT__
resource_query_filters_file = $ETC/cinder/resource_filters.json
image_conversion_dir = $DATA/cinder/conversion
# Backups are real: chunks (64 MiB, zlib) in a local directory.
backup_driver = cinder.backup.drivers.posix.PosixBackupDriver
backup_posix_path = $DATA/cinder/backups
backup_file_size = 67108864
[database]
connection = $DB_URL_BASE/cinder
[file]
volume_driver = devcloud_drivers.cinder.FileVolumeDriver
volume_backend_name = file
devcloud_file_dir = $DATA/cinder/volumes/file
[file2]
volume_driver = devcloud_drivers.cinder.FileVolumeDriver
volume_backend_name = file2
devcloud_file_dir = $DATA/cinder/volumes/file2
[privsep_osbrick]
# os-brick's privileged helper, run directly (we are root; there is no sudo).
helper_command = $VENV/bin/privsep-helper --config-file $ETC/cinder/cinder.conf
[cinder_sys_admin]
# cinder's own privileged helper (image format inspection), likewise.
helper_command = $VENV/bin/privsep-helper --config-file $ETC/cinder/cinder.conf
[coordination]
backend_url = file://$DATA/cinder/coordination
[oslo_concurrency]
lock_path = $DATA/locks/cinder
[oslo_messaging_notifications]
driver = noop
EOF
    authtoken cinder
    svc_auth nova cinder
    echo "interface = public"
    svc_auth service_user cinder
    echo "send_service_user_token = true"
  } >"$ETC/cinder/cinder.conf"

  # ------------------------------------------------------------------- swift
  cat >"$ETC/swift/swift.conf" <<EOF
[swift-hash]
swift_hash_path_suffix = devcloud-suffix
swift_hash_path_prefix = devcloud-prefix
[storage-policy:0]
name = Policy-0
default = yes
[swift-constraints]
# Plain directory on ext4: keep metadata below what its xattrs can hold.
max_meta_overall_size = 2048
EOF
  local kind port
  for kind in account container object; do
    case $kind in
      account) port=$SWIFT_ACCOUNT_PORT ;;
      container) port=$SWIFT_CONTAINER_PORT ;;
      object) port=$SWIFT_OBJECT_PORT ;;
    esac
    cat >"$ETC/swift/$kind-server.conf" <<EOF
[DEFAULT]
bind_ip = $HOST
bind_port = $port
workers = 1
user = root
swift_dir = $ETC/swift
devices = $DATA/swift/node
mount_check = false
log_name = swift-$kind
log_address = $RUN/swift-syslog.sock
recon_cache_path = $DATA/swift
[pipeline:main]
pipeline = healthcheck recon $kind-server
[app:$kind-server]
use = egg:swift#$kind
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:recon]
use = egg:swift#recon
recon_cache_path = $DATA/swift
[$kind-replicator]
[$kind-auditor]
[$kind-updater]
interval = 5
EOF
    [[ $kind == container ]] && printf '[container-sync]\n[container-sharder]\n' >>"$ETC/swift/$kind-server.conf"
    [[ $kind == account ]] && printf '[account-reaper]\n' >>"$ETC/swift/$kind-server.conf"
  done
  cat >"$ETC/swift/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = $HOST
bind_port = $SWIFT_PORT
workers = 1
user = root
swift_dir = $ETC/swift
log_name = swift-proxy
log_address = $RUN/swift-syslog.sock
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl formpost authtoken keystoneauth copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
access_log_address = $RUN/swift-syslog.sock
[filter:cache]
use = egg:swift#memcache
memcache_servers = $HOST:$MEMCACHED_PORT
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:formpost]
use = egg:swift#formpost
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
reseller_admin_role = ResellerAdmin
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = swift
password = $SERVICE_PASSWORD
region_name = $REGION
interface = public
service_token_roles_required = true
memcached_servers = $HOST:$MEMCACHED_PORT
EOF

  # Remember which venv/config generation produced these files.
  date +%s >"$ETC/.written"
}
