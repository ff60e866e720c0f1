//! Server: a virtual machine (`/servers`).

use crate::catalog::ServiceType;
use crate::lenient::{int_or_string, null_as_default, timestamp, Timestamp};
use crate::resource::Resource;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

crate::string_enum! {
    /// A server's `status`.
    pub enum ServerStatus {
        /// Running.
        Active = "ACTIVE",
        /// Being built.
        Build = "BUILD",
        /// Deleted.
        Deleted = "DELETED",
        /// Failed.
        Error = "ERROR",
        /// Hard reboot in progress.
        HardReboot = "HARD_REBOOT",
        /// Migrating.
        Migrating = "MIGRATING",
        /// Password being set.
        Password = "PASSWORD",
        /// Paused.
        Paused = "PAUSED",
        /// Soft reboot in progress.
        Reboot = "REBOOT",
        /// Rebuilding.
        Rebuild = "REBUILD",
        /// In rescue mode.
        Rescue = "RESCUE",
        /// Resizing.
        Resize = "RESIZE",
        /// Reverting a resize.
        RevertResize = "REVERT_RESIZE",
        /// Shelved.
        Shelved = "SHELVED",
        /// Shelved and offloaded.
        ShelvedOffloaded = "SHELVED_OFFLOADED",
        /// Stopped.
        Shutoff = "SHUTOFF",
        /// Soft deleted.
        SoftDeleted = "SOFT_DELETED",
        /// Suspended.
        Suspended = "SUSPENDED",
        /// Unknown to nova itself.
        NovaUnknown = "UNKNOWN",
        /// Resized, waiting for confirmation.
        VerifyResize = "VERIFY_RESIZE",
    }
}

/// A link (`rel` + `href`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Link {
    /// Relation (`self`, `bookmark`, `next`).
    #[serde(default)]
    pub rel: Option<String>,
    /// Target.
    #[serde(default)]
    pub href: Option<String>,
}

/// A reference by name (security groups of a server).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NamedRef {
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The image a server was booted from (absent for boot-from-volume: nova sends `""`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServerImage {
    /// Image id.
    #[serde(default)]
    pub id: Option<String>,
    /// Anything else (links, and image properties from 2.98).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A server's `image` as nova sends it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum BootImage {
    /// Booted from this image.
    Image(ServerImage),
    /// Booted from a volume: nova sends `""` (kept, so the server re-serializes unchanged).
    Volume(String),
}

/// A server's flavor: `{id, links}` before microversion 2.47, the embedded flavor from 2.47.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServerFlavor {
    /// Flavor id (before 2.47).
    #[serde(default)]
    pub id: Option<String>,
    /// Flavor name at boot time (2.47+).
    #[serde(default)]
    pub original_name: Option<String>,
    /// vCPUs (2.47+).
    #[serde(default)]
    pub vcpus: Option<u32>,
    /// RAM in MiB (2.47+).
    #[serde(default)]
    pub ram: Option<u64>,
    /// Root disk in GiB (2.47+).
    #[serde(default)]
    pub disk: Option<u64>,
    /// Extra specs (2.47+).
    #[serde(default)]
    pub extra_specs: Option<BTreeMap<String, String>>,
    /// Anything else (ephemeral, swap, links).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One IP address of a server, under its network name in `addresses`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ServerAddress {
    /// The address.
    pub addr: String,
    /// 4 or 6.
    #[serde(default)]
    pub version: Option<u8>,
    /// `fixed` or `floating`.
    #[serde(rename = "OS-EXT-IPS:type", default)]
    pub kind: Option<String>,
    /// MAC address of the port.
    #[serde(rename = "OS-EXT-IPS-MAC:mac_addr", default)]
    pub mac_addr: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A nova server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Server {
    /// Server id.
    pub id: String,
    /// Name (absent in the create response; `null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Status (absent in the create response).
    #[serde(default)]
    pub status: Option<ServerStatus>,
    /// Owning project.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Owning user.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Free-form metadata.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
    /// Opaque host id (hash of host and project), kept as nova sent it so the server
    /// re-serializes unchanged: `Some(Some(""))` while the server has no host (nova's `""`),
    /// `Some(None)` for `null`, `None` when the key is absent (the create response).
    /// [`Server::host_id`] gives the id only when there is one.
    #[serde(
        rename = "hostId",
        default,
        with = "serde_with::rust::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub host_id: Option<Option<String>>,
    /// Boot image as nova sent it: [`BootImage::Image`], or nova's `""` for a server booted from
    /// a volume ([`BootImage::Volume`]); `None` for `null` or absent. [`Server::image`] gives the
    /// image only when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<BootImage>,
    /// Flavor.
    #[serde(default)]
    pub flavor: Option<ServerFlavor>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated: Option<Timestamp>,
    /// Addresses by network name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub addresses: BTreeMap<String, Vec<ServerAddress>>,
    /// Public IPv4 set by the user, kept as nova sent it so the server re-serializes
    /// unchanged: `Some(Some(""))` when unset (nova's `""`), `Some(None)` for `null`, `None` when
    /// the key is absent (the create response). [`Server::access_ipv4`] gives the address only
    /// when there is one.
    #[serde(
        rename = "accessIPv4",
        default,
        with = "serde_with::rust::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub access_ipv4: Option<Option<String>>,
    /// Public IPv6 set by the user, kept as nova sent it so the server re-serializes
    /// unchanged: `Some(Some(""))` when unset (nova's `""`), `Some(None)` for `null`, `None` when
    /// the key is absent (the create response). [`Server::access_ipv6`] gives the address only
    /// when there is one.
    #[serde(
        rename = "accessIPv6",
        default,
        with = "serde_with::rust::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub access_ipv6: Option<Option<String>>,
    /// Keypair injected at boot.
    #[serde(default)]
    pub key_name: Option<String>,
    /// Availability zone, kept as nova sent it: `Some(Some(""))` before the server is scheduled,
    /// `Some(None)` for `null`, `None` when absent. [`Server::availability_zone`] gives the zone
    /// only when there is one.
    #[serde(
        rename = "OS-EXT-AZ:availability_zone",
        default,
        with = "serde_with::rust::double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub availability_zone: Option<Option<String>>,
    /// Power state (0 no state, 1 running, 3 paused, 4 shutdown, 6 crashed, 7 suspended).
    #[serde(rename = "OS-EXT-STS:power_state", default, deserialize_with = "int_or_string")]
    pub power_state: Option<i64>,
    /// Task in progress (`spawning`, `rebooting`...).
    #[serde(rename = "OS-EXT-STS:task_state", default)]
    pub task_state: Option<String>,
    /// VM state (`active`, `building`, `stopped`...).
    #[serde(rename = "OS-EXT-STS:vm_state", default)]
    pub vm_state: Option<String>,
    /// Compute host (admin only).
    #[serde(rename = "OS-EXT-SRV-ATTR:host", default)]
    pub host: Option<String>,
    /// When the server was launched.
    #[serde(rename = "OS-SRV-USG:launched_at", default, deserialize_with = "timestamp")]
    pub launched_at: Option<Timestamp>,
    /// Security groups by name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_groups: Vec<NamedRef>,
    /// Description (2.19+).
    #[serde(default)]
    pub description: Option<String>,
    /// Tags (2.26+).
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Locked against changes (2.9+).
    #[serde(default)]
    pub locked: Option<bool>,
    /// Build progress in percent.
    #[serde(default, deserialize_with = "int_or_string")]
    pub progress: Option<i64>,
    /// The generated admin password (create response only).
    #[serde(rename = "adminPass", default, skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<String>,
    /// Links.
    #[serde(default, deserialize_with = "null_as_default")]
    pub links: Vec<Link>,
    /// Every other field the cloud sent (newer microversions, extensions).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Server {
    /// All fixed and floating IPs, in network-name order.
    pub fn ips(&self) -> impl Iterator<Item = &str> {
        self.addresses.values().flatten().map(|a| a.addr.as_str())
    }

    /// The public IPv4 set by the user; `None` when unset (`""`, `null` or absent).
    pub fn access_ipv4(&self) -> Option<&str> {
        set(&self.access_ipv4)
    }

    /// The public IPv6 set by the user; `None` when unset (`""`, `null` or absent).
    pub fn access_ipv6(&self) -> Option<&str> {
        set(&self.access_ipv6)
    }

    /// The opaque host id; `None` while the server has no host (`""`, `null` or absent).
    pub fn host_id(&self) -> Option<&str> {
        set(&self.host_id)
    }

    /// The availability zone; `None` before the server is scheduled (`""`, `null` or absent).
    pub fn availability_zone(&self) -> Option<&str> {
        set(&self.availability_zone)
    }

    /// The image the server booted from; `None` when it booted from a volume (`""`) or the key
    /// is `null` or absent.
    pub fn image(&self) -> Option<&ServerImage> {
        match &self.image {
            Some(BootImage::Image(image)) => Some(image),
            _ => None,
        }
    }
}

/// The text of a field kept as sent, when it has one.
fn set(field: &Option<Option<String>>) -> Option<&str> {
    field.as_ref().and_then(Option::as_deref).filter(|s| !s.is_empty())
}

impl Resource for Server {
    const SERVICE: ServiceType = ServiceType::Compute;
    const NAME: &'static str = "Server";
    const PATH: &'static str = "servers";
    const KEY: Option<&'static str> = Some("server");
    const PLURAL: &'static str = "servers";
    const LIST_PATH: Option<&'static str> = Some("servers/detail");
    type Query = ServerQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn status(&self) -> Option<&str> {
        self.status.as_ref().map(ServerStatus::as_str)
    }
    fn query_by_name(name: &str) -> Option<ServerQuery> {
        // nova's name filter is a regex: anchor and escape it; matches are checked exactly anyway.
        Some(ServerQuery { name: Some(format!("^{}$", regex_escape(name))), ..Default::default() })
    }
    fn query_needs(query: &ServerQuery) -> Vec<(&'static str, crate::api::Versions)> {
        match query.changes_before {
            Some(_) => vec![("servers changes-before", crate::api::Versions::since(2, 66))],
            None => Vec::new(),
        }
    }
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Filters for listing servers (`GET /servers/detail`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServerQuery {
    /// Name (a regular expression, as nova matches it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Status (`ACTIVE`, `SHUTOFF`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Flavor id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flavor: Option<String>,
    /// Image id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Compute host (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// IPv4 address (regex).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Servers of every project (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_tenants: Option<bool>,
    /// Servers of this project (admin, with `all_tenants`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Only servers changed since this time (ISO 8601); deleted ones included.
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    pub changes_since: Option<String>,
    /// Only servers changed before this time (ISO 8601; 2.66+).
    #[serde(rename = "changes-before", skip_serializing_if = "Option::is_none")]
    pub changes_before: Option<String>,
    /// Only deleted servers (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this server id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// How a server's network is chosen at boot.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerNetworks {
    /// Let nova pick or create one (`"auto"`).
    Auto,
    /// No network at all (`"none"`).
    None,
    /// These networks, ports or fixed IPs.
    List(Vec<ServerNetwork>),
}

impl Serialize for ServerNetworks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ServerNetworks::Auto => s.serialize_str("auto"),
            ServerNetworks::None => s.serialize_str("none"),
            ServerNetworks::List(list) => list.serialize(s),
        }
    }
}

/// One network attachment at boot: a network, a port, or a fixed IP.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServerNetwork {
    /// Network id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Existing port id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// Fixed IP to request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_ip: Option<String>,
    /// Device tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl ServerNetwork {
    /// Attach to a network by id.
    pub fn network(id: impl Into<String>) -> Self {
        ServerNetwork { uuid: Some(id.into()), ..Default::default() }
    }
    /// Attach an existing port.
    pub fn port(id: impl Into<String>) -> Self {
        ServerNetwork { port: Some(id.into()), ..Default::default() }
    }
    /// Attach with a fixed IP (on `network`).
    pub fn fixed_ip(network: impl Into<String>, ip: impl Into<String>) -> Self {
        ServerNetwork { uuid: Some(network.into()), fixed_ip: Some(ip.into()), ..Default::default() }
    }
}

/// One entry of `block_device_mapping_v2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockDeviceMapping {
    /// 0 for the boot device; `None` for others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boot_index: Option<i32>,
    /// Id of the source (image, volume, snapshot).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `image`, `volume`, `snapshot` or `blank`.
    pub source_type: String,
    /// `volume` or `local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_type: Option<String>,
    /// Size in GiB of a volume to create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<u64>,
    /// Delete the volume with the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    /// Device name (`vda`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// Volume type for a created volume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
}

/// The body of `POST /servers`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateServer {
    /// Name.
    pub name: String,
    /// Flavor id.
    #[serde(rename = "flavorRef")]
    pub flavor_ref: String,
    /// Image id (empty when booting from a volume).
    #[serde(rename = "imageRef", skip_serializing_if = "Option::is_none")]
    pub image_ref: Option<String>,
    /// Networks (required from microversion 2.37).
    pub networks: ServerNetworks,
    /// Keypair to inject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    /// Metadata.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    /// User data, base64-encoded by [`CreateServer::user_data`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
    /// Security groups by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<NamedRef>,
    /// Availability zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    /// Block devices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub block_device_mapping_v2: Vec<BlockDeviceMapping>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Create at least this many servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    /// Create at most this many servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
}

impl CreateServer {
    /// A server with a name and a flavor id, on an automatically chosen network.
    pub fn new(name: impl Into<String>, flavor_id: impl Into<String>) -> Self {
        CreateServer {
            name: name.into(),
            flavor_ref: flavor_id.into(),
            image_ref: None,
            networks: ServerNetworks::Auto,
            key_name: None,
            metadata: BTreeMap::new(),
            user_data: None,
            security_groups: Vec::new(),
            availability_zone: None,
            block_device_mapping_v2: Vec::new(),
            description: None,
            min_count: None,
            max_count: None,
        }
    }
    /// Boot from this image id.
    pub fn image(mut self, image_id: impl Into<String>) -> Self {
        self.image_ref = Some(image_id.into());
        self
    }
    /// Set the networks (`Auto`, `None`, or a list).
    pub fn networks(mut self, networks: ServerNetworks) -> Self {
        self.networks = networks;
        self
    }
    /// Add one network attachment.
    pub fn network(mut self, network: ServerNetwork) -> Self {
        match &mut self.networks {
            ServerNetworks::List(list) => list.push(network),
            _ => self.networks = ServerNetworks::List(vec![network]),
        }
        self
    }
    /// Inject a keypair.
    pub fn key_name(mut self, name: impl Into<String>) -> Self {
        self.key_name = Some(name.into());
        self
    }
    /// Add a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }
    /// User data (plain bytes; encoded to base64 here).
    pub fn user_data(mut self, data: impl AsRef<[u8]>) -> Self {
        self.user_data = Some(base64::engine::general_purpose::STANDARD.encode(data));
        self
    }
    /// Add a security group by name.
    pub fn security_group(mut self, name: impl Into<String>) -> Self {
        self.security_groups.push(NamedRef { name: Some(name.into()), extra: Map::new() });
        self
    }
    /// Availability zone.
    pub fn availability_zone(mut self, zone: impl Into<String>) -> Self {
        self.availability_zone = Some(zone.into());
        self
    }
    /// Add a block device.
    pub fn block_device(mut self, device: BlockDeviceMapping) -> Self {
        self.block_device_mapping_v2.push(device);
        self
    }
    /// Description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
    /// Create between `min` and `max` servers in one request.
    pub fn count(mut self, min: u32, max: u32) -> Self {
        self.min_count = Some(min);
        self.max_count = Some(max);
        self
    }
}

/// The body of `PUT /servers/{id}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateServer {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Soft (ACPI) or hard (power cycle) reboot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RebootType {
    /// Ask the guest to reboot.
    Soft,
    /// Power cycle.
    Hard,
}

impl crate::api::Creatable for Server {
    type Create = CreateServer;
}
impl crate::api::Updatable for Server {
    type Update = UpdateServer;
}
impl crate::api::Deletable for Server {}

/// The body of one server action (`POST /servers/{id}/action`).
#[derive(Debug, Clone, Serialize)]
enum ServerAction {
    #[serde(rename = "os-start")]
    Start(()),
    #[serde(rename = "os-stop")]
    Stop(()),
    #[serde(rename = "reboot")]
    Reboot { r#type: RebootType },
}

impl crate::api::Api<Server> {
    /// Power on a stopped server.
    pub async fn start(&self, id: &str) -> crate::Result<()> {
        self.post_action(id, &ServerAction::Start(())).await.map(|_| ())
    }

    /// Power off a server.
    pub async fn stop(&self, id: &str) -> crate::Result<()> {
        self.post_action(id, &ServerAction::Stop(())).await.map(|_| ())
    }

    /// Reboot a server.
    pub async fn reboot(&self, id: &str, kind: RebootType) -> crate::Result<()> {
        self.post_action(id, &ServerAction::Reboot { r#type: kind }).await.map(|_| ())
    }

    /// Wait until the server reaches `status` (e.g. `ACTIVE`); fails at once on `ERROR`.
    pub async fn wait_until(&self, id: &str, status: &str, timeout: std::time::Duration) -> crate::Result<Server> {
        self.wait_for_status(id, &[status], &["ERROR"], timeout).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Access IPs and the host id re-serialize as nova sent them: `""` stays `""`, `null` stays
    /// `null`, an absent key stays absent; the accessors say "unset" for all three.
    #[test]
    fn access_ips_and_host_id_round_trip_as_sent() {
        let sent = json!({"id": "a", "accessIPv4": "", "accessIPv6": null, "hostId": "h1"});
        let server: Server = serde_json::from_value(sent).unwrap();
        let back = serde_json::to_value(&server).unwrap();
        assert_eq!(
            (&back["accessIPv4"], &back["accessIPv6"], &back["hostId"]),
            (&json!(""), &json!(null), &json!("h1"))
        );
        assert_eq!((server.access_ipv4(), server.access_ipv6(), server.host_id()), (None, None, Some("h1")));

        // the create response has none of them
        let created: Server = serde_json::from_value(json!({"id": "a", "adminPass": "p"})).unwrap();
        let back = serde_json::to_value(&created).unwrap();
        for key in ["accessIPv4", "accessIPv6", "hostId"] {
            assert!(back.get(key).is_none(), "{key} appeared in {back}");
        }
        assert_eq!(created.host_id(), None);

        let set: Server = serde_json::from_value(
            json!({"id": "a", "accessIPv4": "192.0.2.1", "accessIPv6": "2001:db8::1", "hostId": ""}),
        )
        .unwrap();
        assert_eq!(
            (set.access_ipv4(), set.access_ipv6(), set.host_id()),
            (Some("192.0.2.1"), Some("2001:db8::1"), None)
        );
        assert_eq!(serde_json::to_value(&set).unwrap()["hostId"], json!(""));
    }

    /// A server booted from a volume (`"image": ""`) and not yet scheduled (`""` zone)
    /// re-serializes as nova sent it; the accessors say "none" for both.
    #[test]
    fn boot_image_and_zone_round_trip_as_sent() {
        let sent = json!({"id": "a", "image": "", "OS-EXT-AZ:availability_zone": ""});
        let server: Server = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!((server.image(), server.availability_zone()), (None, None));
        let back = serde_json::to_value(&server).unwrap();
        assert_eq!(
            (&back["image"], &back["OS-EXT-AZ:availability_zone"]),
            (&sent["image"], &sent["OS-EXT-AZ:availability_zone"])
        );

        let booted = json!({"id": "a", "image": {"id": "i", "links": []}, "OS-EXT-AZ:availability_zone": "nova"});
        let server: Server = serde_json::from_value(booted.clone()).unwrap();
        assert_eq!(server.image().and_then(|i| i.id.as_deref()), Some("i"));
        assert_eq!(server.availability_zone(), Some("nova"));
        let back = serde_json::to_value(&server).unwrap();
        assert_eq!(
            (&back["image"], &back["OS-EXT-AZ:availability_zone"]),
            (&booted["image"], &booted["OS-EXT-AZ:availability_zone"])
        );

        let nulls: Server = serde_json::from_value(json!({"id": "a", "image": null})).unwrap();
        assert_eq!((nulls.image(), nulls.availability_zone()), (None, None));
    }
}
