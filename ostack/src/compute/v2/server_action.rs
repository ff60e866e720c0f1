//! Server actions: `POST /servers/{id}/action` with one typed body per action, plus the
//! per-server calls beside it (remote consoles, diagnostics, the server password).
//!
//! Each action declares the microversions it and each of its arguments exist at
//! ([`Versions`]). An argument that exists only from a later microversion than the connection
//! uses fails with [`Error::Unsupported`] before anything is sent; one that was removed at a
//! later microversion (live-migrate's `force`, evacuate's `onSharedStorage`) is sent at the last
//! microversion that has it, when the cloud still offers that one.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::{LiveMigrate, Resize};
//! let servers = conn.compute().servers();
//! servers.resize(id, &Resize::new("2")).await?;
//! servers.wait_until(id, "VERIFY_RESIZE", std::time::Duration::from_secs(120)).await?;
//! servers.confirm_resize(id).await?;
//! servers.live_migrate(id, &LiveMigrate::auto().host("compute2")).await?;
//! servers.lock(id, Some("maintenance")).await?;
//! # Ok(()) }
//! ```

use super::Server;
use crate::api::{decode, Api, Versions};
use crate::lenient::{int_or_string, null_as_default};
use crate::session::Fetched;
use crate::{Error, Result};
use base64::Engine;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn expose<S: Serializer>(secret: &Option<SecretString>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => s.serialize_str(secret.expose_secret()),
        None => s.serialize_none(),
    }
}

fn expose_one<S: Serializer>(secret: &SecretString, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose_secret())
}

/// How the disk is partitioned after a resize or rebuild (`OS-DCF:diskConfig`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DiskConfig {
    /// Nova grows the root partition to the disk.
    Auto,
    /// The image's partitioning is kept.
    Manual,
}

/// The body of `resize`.
#[derive(Debug, Clone, Serialize)]
pub struct Resize {
    /// The new flavor's id.
    #[serde(rename = "flavorRef")]
    pub flavor_ref: String,
    /// Disk partitioning.
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    pub disk_config: Option<DiskConfig>,
}

impl Resize {
    /// Resize to this flavor id.
    pub fn new(flavor_id: impl Into<String>) -> Self {
        Resize { flavor_ref: flavor_id.into(), disk_config: None }
    }
}

/// The body of `rebuild`. `Some(None)` in a nullable field sends `null` (removes the key pair,
/// the user data, the description or the trusted certificates).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rebuild {
    /// The image to rebuild from.
    #[serde(rename = "imageRef")]
    pub image_ref: String,
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New admin password (never logged).
    #[serde(rename = "adminPass", serialize_with = "expose", skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<SecretString>,
    /// Replace the metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Keep the ephemeral disk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preserve_ephemeral: Option<bool>,
    /// Disk partitioning.
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    pub disk_config: Option<DiskConfig>,
    /// Public IPv4 address.
    #[serde(rename = "accessIPv4", skip_serializing_if = "Option::is_none")]
    pub access_ipv4: Option<String>,
    /// Public IPv6 address.
    #[serde(rename = "accessIPv6", skip_serializing_if = "Option::is_none")]
    pub access_ipv6: Option<String>,
    /// Description (2.19+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// Key pair to inject, or `Some(None)` for none (2.54+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_name: Option<Option<String>>,
    /// User data, base64-encoded by [`Rebuild::user_data`], or `Some(None)` to remove it (2.57+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_data: Option<Option<String>>,
    /// Trusted image certificate ids, or `Some(None)` to remove them (2.63+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_image_certificates: Option<Option<Vec<String>>>,
    /// New hostname (2.90+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
}

impl Rebuild {
    /// Rebuild from this image id.
    pub fn new(image_id: impl Into<String>) -> Self {
        Rebuild { image_ref: image_id.into(), ..Default::default() }
    }
    /// New name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Add a metadata item (the rebuilt server gets exactly the items given).
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.get_or_insert_with(BTreeMap::new).insert(key.into(), value.into());
        self
    }
    /// Key pair to inject (2.54+).
    pub fn key_name(mut self, name: impl Into<String>) -> Self {
        self.key_name = Some(Some(name.into()));
        self
    }
    /// User data (plain bytes; encoded to base64 here) (2.57+).
    pub fn user_data(mut self, data: impl AsRef<[u8]>) -> Self {
        self.user_data = Some(Some(base64::engine::general_purpose::STANDARD.encode(data)));
        self
    }
    /// Keep (or not) the ephemeral disk.
    pub fn preserve_ephemeral(mut self, preserve: bool) -> Self {
        self.preserve_ephemeral = Some(preserve);
        self
    }
    /// Description (2.19+).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(Some(description.into()));
        self
    }

    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if self.description.is_some() {
            needs.push(("rebuild with a description", Versions::since(2, 19)));
        }
        if self.key_name.is_some() {
            needs.push(("rebuild with key_name", Versions::since(2, 54)));
        }
        if self.user_data.is_some() {
            needs.push(("rebuild with user_data", Versions::since(2, 57)));
        }
        if self.trusted_image_certificates.is_some() {
            needs.push(("rebuild with trusted_image_certificates", Versions::since(2, 63)));
        }
        if self.hostname.is_some() {
            needs.push(("rebuild with a hostname", Versions::since(2, 90)));
        }
        needs
    }
}

/// The body of `rescue`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rescue {
    /// Password of the rescue system (never logged); nova generates one when absent.
    #[serde(rename = "adminPass", serialize_with = "expose", skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<SecretString>,
    /// Image to boot the rescue system from (default: the server's own image).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rescue_image_ref: Option<String>,
}

/// The body of `unshelve`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Unshelve {
    /// Availability zone to unshelve into (2.77+), or `Some(None)` to unpin the server from
    /// its zone (2.91+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<Option<String>>,
    /// Destination host (2.91+; admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

impl Unshelve {
    fn is_empty(&self) -> bool {
        self.availability_zone.is_none() && self.host.is_none()
    }

    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        match &self.availability_zone {
            Some(Some(_)) => needs.push(("unshelve into an availability zone", Versions::since(2, 77))),
            Some(None) => needs.push(("unshelve unpinning the availability zone", Versions::since(2, 91))),
            None => {}
        }
        if self.host.is_some() {
            needs.push(("unshelve to a host", Versions::since(2, 91)));
        }
        needs
    }
}

/// Whether a live migration copies the disks: nova decides (`auto`, 2.25+), or yes, or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockMigration {
    /// Nova decides from the storage of both hosts (2.25+).
    #[default]
    Auto,
    /// Copy the disks.
    Yes,
    /// Shared storage: do not copy.
    No,
}

impl Serialize for BlockMigration {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            BlockMigration::Auto => s.serialize_str("auto"),
            BlockMigration::Yes => s.serialize_bool(true),
            BlockMigration::No => s.serialize_bool(false),
        }
    }
}

/// The body of `os-migrateLive`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LiveMigrate {
    /// Destination host; the scheduler picks one when `None`.
    pub host: Option<String>,
    /// Whether the disks are copied.
    pub block_migration: BlockMigration,
    /// Skip the scheduler's checks of `host` (2.30 to 2.67).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
    /// Allow over-committing the destination's disk (before 2.25; sent as `false` there when
    /// unset, as those versions require it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_over_commit: Option<bool>,
}

impl LiveMigrate {
    /// Let nova decide about block migration and the scheduler pick the host.
    pub fn auto() -> Self {
        LiveMigrate::default()
    }
    /// Migrate to this host.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if self.block_migration == BlockMigration::Auto {
            needs.push(("live-migrate with block_migration auto", Versions::since(2, 25)));
        }
        if self.force.is_some() {
            needs.push(("live-migrate with force", Versions::between((2, 30), (2, 67))));
        }
        if self.disk_over_commit.is_some() {
            needs.push(("live-migrate with disk_over_commit", Versions::until(2, 24)));
        }
        needs
    }
}

/// The body of `evacuate`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Evacuate {
    /// Destination host; the scheduler picks one when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Admin password of the rebuilt server (never logged).
    #[serde(rename = "adminPass", serialize_with = "expose", skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<SecretString>,
    /// The disks are on shared storage (before 2.14; sent as `false` there when unset, as those
    /// versions require it).
    #[serde(rename = "onSharedStorage", skip_serializing_if = "Option::is_none")]
    pub on_shared_storage: Option<bool>,
    /// Skip the scheduler's checks of `host` (2.29 to 2.67).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
}

impl Evacuate {
    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if self.on_shared_storage.is_some() {
            needs.push(("evacuate with onSharedStorage", Versions::until(2, 13)));
        }
        if self.force.is_some() {
            needs.push(("evacuate with force", Versions::between((2, 29), (2, 67))));
        }
        needs
    }
}

/// The body of `createBackup`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateBackup {
    /// Name of the backup image.
    pub name: String,
    /// Free-form kind, usually `daily` or `weekly`; rotation counts per kind.
    pub backup_type: String,
    /// How many backups of this kind to keep (older ones are deleted; 0 deletes them all).
    pub rotation: u32,
    /// Image metadata.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

impl CreateBackup {
    /// A backup of a kind, keeping `rotation` of that kind.
    pub fn new(name: impl Into<String>, backup_type: impl Into<String>, rotation: u32) -> Self {
        CreateBackup { name: name.into(), backup_type: backup_type.into(), rotation, metadata: BTreeMap::new() }
    }
}

/// The state `reset_state` forces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResetState {
    /// `active`.
    Active,
    /// `error`.
    Error,
}

crate::string_enum! {
    /// A remote console type; it implies the protocol.
    pub enum ConsoleType {
        /// noVNC (protocol `vnc`).
        NoVnc = "novnc",
        /// SPICE HTML5 (protocol `spice`).
        SpiceHtml5 = "spice-html5",
        /// Direct SPICE connection (protocol `spice`, 2.99+).
        SpiceDirect = "spice-direct",
        /// Serial over websocket (protocol `serial`).
        Serial = "serial",
        /// VMware WebMKS (protocol `mks`, 2.8+).
        WebMks = "webmks",
        /// RDP HTML5 (protocol `rdp`; no current driver supports it).
        RdpHtml5 = "rdp-html5",
    }
}

impl ConsoleType {
    /// The protocol nova expects with this type.
    pub fn protocol(&self) -> &str {
        match self {
            ConsoleType::NoVnc => "vnc",
            ConsoleType::SpiceHtml5 | ConsoleType::SpiceDirect => "spice",
            ConsoleType::Serial => "serial",
            ConsoleType::WebMks => "mks",
            ConsoleType::RdpHtml5 => "rdp",
            ConsoleType::Unknown(other) => other.split('-').next().unwrap_or(other),
        }
    }

    fn versions(&self) -> Versions {
        match self {
            ConsoleType::WebMks => Versions::since(2, 8),
            ConsoleType::SpiceDirect => Versions::since(2, 99),
            _ => Versions::since(2, 6),
        }
    }
}

/// A remote console: where to point a browser or client.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RemoteConsole {
    /// `vnc`, `spice`, `serial`, `mks`.
    #[serde(default)]
    pub protocol: String,
    /// `novnc`, `spice-html5`, ...
    #[serde(rename = "type", default)]
    pub console_type: String,
    /// The URL (it carries a one-time token).
    #[serde(default)]
    pub url: String,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A server's diagnostics in the standard format of microversion 2.48 (driver-specific keys
/// of older microversions land in `extra`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerDiagnostics {
    /// `pending`, `running`, `paused`, `shutdown`, `crashed`, `suspended`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The virt driver (`libvirt`, `fake`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    /// The hypervisor (`kvm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypervisor: Option<String>,
    /// The hypervisor's OS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypervisor_os: Option<String>,
    /// Seconds since the guest started.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub uptime: Option<i64>,
    /// Whether a config drive is attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_drive: Option<bool>,
    /// Number of vCPUs.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub num_cpus: Option<i64>,
    /// Number of NICs.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub num_nics: Option<i64>,
    /// Number of disks.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub num_disks: Option<i64>,
    /// Per-CPU details.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub cpu_details: Vec<Map<String, Value>>,
    /// Per-NIC details.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub nic_details: Vec<Map<String, Value>>,
    /// Per-disk details.
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub disk_details: Vec<Map<String, Value>>,
    /// Memory (`maximum`, `used`, in MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_details: Option<Map<String, Value>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of one server action (`POST /servers/{id}/action`): `{"<action>": <argument>}`.
#[derive(Serialize)]
enum Action<'a> {
    #[serde(rename = "resize")]
    Resize(&'a Resize),
    #[serde(rename = "confirmResize")]
    ConfirmResize(()),
    #[serde(rename = "revertResize")]
    RevertResize(()),
    #[serde(rename = "rebuild")]
    Rebuild(&'a Rebuild),
    #[serde(rename = "pause")]
    Pause(()),
    #[serde(rename = "unpause")]
    Unpause(()),
    #[serde(rename = "suspend")]
    Suspend(()),
    #[serde(rename = "resume")]
    Resume(()),
    #[serde(rename = "lock")]
    Lock(Option<LockReason<'a>>),
    #[serde(rename = "unlock")]
    Unlock(()),
    #[serde(rename = "rescue")]
    Rescue(&'a Rescue),
    #[serde(rename = "unrescue")]
    Unrescue(()),
    #[serde(rename = "shelve")]
    Shelve(()),
    #[serde(rename = "shelveOffload")]
    ShelveOffload(()),
    #[serde(rename = "unshelve")]
    Unshelve(Option<&'a Unshelve>),
    #[serde(rename = "migrate")]
    Migrate(Option<Host<'a>>),
    #[serde(rename = "os-migrateLive")]
    LiveMigrate(&'a LiveMigrate),
    #[serde(rename = "evacuate")]
    Evacuate(&'a Evacuate),
    #[serde(rename = "createImage")]
    CreateImage(CreateImage<'a>),
    #[serde(rename = "createBackup")]
    CreateBackup(&'a CreateBackup),
    #[serde(rename = "addSecurityGroup")]
    AddSecurityGroup(Named<'a>),
    #[serde(rename = "removeSecurityGroup")]
    RemoveSecurityGroup(Named<'a>),
    #[serde(rename = "changePassword")]
    ChangePassword(ChangePassword<'a>),
    #[serde(rename = "trigger_crash_dump")]
    TriggerCrashDump(()),
    #[serde(rename = "os-resetState")]
    ResetState { state: ResetState },
    #[serde(rename = "resetNetwork")]
    ResetNetwork(()),
    #[serde(rename = "injectNetworkInfo")]
    InjectNetworkInfo(()),
    #[serde(rename = "os-getConsoleOutput")]
    ConsoleOutput(ConsoleLength),
    #[serde(rename = "restore")]
    Restore(()),
    #[serde(rename = "forceDelete")]
    ForceDelete(()),
    #[serde(rename = "addFixedIp")]
    AddFixedIp {
        #[serde(rename = "networkId")]
        network_id: &'a str,
    },
    #[serde(rename = "removeFixedIp")]
    RemoveFixedIp { address: &'a str },
}

#[derive(Serialize)]
struct LockReason<'a> {
    locked_reason: &'a str,
}

#[derive(Serialize)]
struct Host<'a> {
    host: &'a str,
}

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct CreateImage<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct ChangePassword<'a> {
    #[serde(rename = "adminPass", serialize_with = "expose_one")]
    admin_pass: &'a SecretString,
}

#[derive(Serialize)]
struct ConsoleLength {
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u32>,
}

#[derive(Serialize)]
struct RemoteConsoleRequest<'a> {
    remote_console: RemoteConsoleBody<'a>,
}

#[derive(Serialize)]
struct RemoteConsoleBody<'a> {
    protocol: &'a str,
    #[serde(rename = "type")]
    console_type: &'a str,
}

#[derive(Deserialize)]
struct RemoteConsoleAnswer {
    remote_console: RemoteConsole,
}

#[derive(Deserialize)]
struct ServerAnswer {
    server: Server,
}

#[derive(Deserialize)]
struct AdminPassAnswer {
    #[serde(rename = "adminPass", default)]
    admin_pass: Option<String>,
}

#[derive(Deserialize)]
struct ImageIdAnswer {
    image_id: String,
}

#[derive(Deserialize)]
struct ConsoleOutputAnswer {
    #[serde(default)]
    output: String,
}

#[derive(Deserialize)]
struct PasswordAnswer {
    #[serde(default)]
    password: Option<String>,
}

/// The image id of a `createImage`/`createBackup` answer: the body's `image_id` (2.45+), else
/// the last segment of the `Location` header (older microversions).
fn image_id(fetched: &Fetched) -> Result<Option<String>> {
    if !fetched.body.iter().all(u8::is_ascii_whitespace) {
        let answer: ImageIdAnswer = decode(fetched)?;
        return Ok(Some(answer.image_id));
    }
    let location = fetched.headers.get("location").and_then(|v| v.to_str().ok());
    Ok(location.and_then(|l| l.trim_end_matches('/').rsplit('/').next()).filter(|s| !s.is_empty()).map(str::to_string))
}

/// `adminPass` of an answer that may carry one (an empty body carries none).
fn admin_pass(fetched: &Fetched) -> Result<Option<SecretString>> {
    if fetched.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let answer: AdminPassAnswer = decode(fetched)?;
    Ok(answer.admin_pass.map(SecretString::from))
}

impl Api<Server> {
    /// `POST /servers/{id}/action` with `action`, at a microversion every `needs` entry allows.
    async fn act(&self, id: &str, needs: &[(&str, Versions)], action: &Action<'_>) -> Result<Fetched> {
        let path = self.sub_path(id, "action")?;
        self.call_at(needs, Method::POST, &path, Some(action)).await
    }

    /// Resize to another flavor; the server goes to `VERIFY_RESIZE`, then
    /// [`confirm_resize`](Api::confirm_resize) or [`revert_resize`](Api::revert_resize).
    pub async fn resize(&self, id: &str, body: &Resize) -> Result<()> {
        self.act(id, &[], &Action::Resize(body)).await.map(drop)
    }

    /// Confirm a resize or cold migration (the source's copy is deleted).
    pub async fn confirm_resize(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::ConfirmResize(())).await.map(drop)
    }

    /// Revert a resize or cold migration (back to the old flavor and host).
    pub async fn revert_resize(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::RevertResize(())).await.map(drop)
    }

    /// Rebuild from an image; returns the server as nova answered (with `admin_pass` when nova
    /// generated or accepted one).
    pub async fn rebuild(&self, id: &str, body: &Rebuild) -> Result<Server> {
        let fetched = self.act(id, &body.needs(), &Action::Rebuild(body)).await?;
        decode::<ServerAnswer>(&fetched).map(|a| a.server)
    }

    /// Pause (the guest stays in memory, stopped).
    pub async fn pause(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Pause(())).await.map(drop)
    }

    /// Unpause a paused server.
    pub async fn unpause(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Unpause(())).await.map(drop)
    }

    /// Suspend (the guest's memory is saved to disk).
    pub async fn suspend(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Suspend(())).await.map(drop)
    }

    /// Resume a suspended server.
    pub async fn resume(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Resume(())).await.map(drop)
    }

    /// Lock against changes by non-admins, with an optional reason (2.73+).
    pub async fn lock(&self, id: &str, reason: Option<&str>) -> Result<()> {
        let needs = match reason {
            Some(_) => vec![("lock with a reason", Versions::since(2, 73))],
            None => Vec::new(),
        };
        if reason.is_some_and(|r| r.is_empty() || r.chars().count() > 255) {
            return Err(Error::InvalidInput("a lock reason has 1 to 255 characters".into()));
        }
        let action = Action::Lock(reason.map(|locked_reason| LockReason { locked_reason }));
        self.act(id, &needs, &action).await.map(drop)
    }

    /// Unlock.
    pub async fn unlock(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Unlock(())).await.map(drop)
    }

    /// Boot into a rescue system; returns its admin password when nova sends one (never logged).
    pub async fn rescue(&self, id: &str, body: &Rescue) -> Result<Option<SecretString>> {
        let fetched = self.act(id, &[], &Action::Rescue(body)).await?;
        admin_pass(&fetched)
    }

    /// Leave the rescue system.
    pub async fn unrescue(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Unrescue(())).await.map(drop)
    }

    /// Shelve: snapshot and power off (and offload after `shelved_offload_time`).
    pub async fn shelve(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Shelve(())).await.map(drop)
    }

    /// Offload a shelved server from its host now.
    pub async fn shelve_offload(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::ShelveOffload(())).await.map(drop)
    }

    /// Unshelve, optionally into an availability zone (2.77+) or onto a host (2.91+).
    pub async fn unshelve(&self, id: &str, body: &Unshelve) -> Result<()> {
        let argument = (!body.is_empty()).then_some(body);
        self.act(id, &body.needs(), &Action::Unshelve(argument)).await.map(drop)
    }

    /// Cold-migrate, to `host` (2.56+) or where the scheduler decides; the server goes to
    /// `VERIFY_RESIZE`, then [`confirm_resize`](Api::confirm_resize).
    pub async fn migrate(&self, id: &str, host: Option<&str>) -> Result<()> {
        let needs = match host {
            Some(_) => vec![("migrate to a host", Versions::since(2, 56))],
            None => Vec::new(),
        };
        self.act(id, &needs, &Action::Migrate(host.map(|host| Host { host }))).await.map(drop)
    }

    /// Live-migrate. Each argument is checked against the microversion it exists at; before
    /// 2.25 `disk_over_commit` is always sent, as nova requires it there.
    pub async fn live_migrate(&self, id: &str, body: &LiveMigrate) -> Result<()> {
        let endpoint = self.endpoint_for(&body.needs()).await?;
        let mut body = body.clone();
        if endpoint.microversion.is_some_and(|m| m < crate::Microversion::new(2, 25)) {
            body.disk_over_commit.get_or_insert(false);
        }
        let path = self.sub_path(id, "action")?;
        self.call_on(&endpoint, Method::POST, &path, Some(&Action::LiveMigrate(&body))).await.map(drop)
    }

    /// Rebuild the server on another host because its own is down (admin). Returns the admin
    /// password nova answers with before 2.14 (never logged).
    pub async fn evacuate(&self, id: &str, body: &Evacuate) -> Result<Option<SecretString>> {
        let endpoint = self.endpoint_for(&body.needs()).await?;
        let mut body = body.clone();
        if endpoint.microversion.is_some_and(|m| m < crate::Microversion::new(2, 14)) {
            body.on_shared_storage.get_or_insert(false);
        }
        let path = self.sub_path(id, "action")?;
        let fetched = self.call_on(&endpoint, Method::POST, &path, Some(&Action::Evacuate(&body))).await?;
        admin_pass(&fetched)
    }

    /// Snapshot the server into a new image; returns the image id (from the answer at 2.45+,
    /// from the `Location` header before).
    pub async fn create_image(&self, id: &str, name: &str, metadata: &BTreeMap<String, String>) -> Result<String> {
        let fetched = self.act(id, &[], &Action::CreateImage(CreateImage { name, metadata })).await?;
        image_id(&fetched)?.ok_or_else(|| Error::Decode {
            resource: "createImage answer".into(),
            url: fetched.url.clone(),
            message: "neither an image_id nor a Location header".into(),
        })
    }

    /// Back the server up into a new image, keeping `rotation` backups of its type; returns
    /// the image id (always at 2.45+; before, only when `rotation` > 0).
    pub async fn create_backup(&self, id: &str, body: &CreateBackup) -> Result<Option<String>> {
        let fetched = self.act(id, &[], &Action::CreateBackup(body)).await?;
        image_id(&fetched)
    }

    /// Add a security group (by name or id) to every port of the server.
    pub async fn add_security_group(&self, id: &str, group: &str) -> Result<()> {
        self.act(id, &[], &Action::AddSecurityGroup(Named { name: group })).await.map(drop)
    }

    /// Remove a security group (by name or id) from the server's ports.
    pub async fn remove_security_group(&self, id: &str, group: &str) -> Result<()> {
        self.act(id, &[], &Action::RemoveSecurityGroup(Named { name: group })).await.map(drop)
    }

    /// Add a fixed IP on network `network_id` to the server (`addFixedIp`, removed at 2.44:
    /// sent at 2.43; attach an interface instead on newer clouds).
    pub async fn add_fixed_ip(&self, id: &str, network_id: &str) -> Result<()> {
        if network_id.is_empty() {
            return Err(Error::InvalidInput("empty network id".into()));
        }
        let needs = [("add a fixed IP", Versions::until(2, 43))];
        self.act(id, &needs, &Action::AddFixedIp { network_id }).await.map(drop)
    }

    /// Remove the fixed IP `address` from the server (`removeFixedIp`, removed at 2.44: sent at
    /// 2.43).
    pub async fn remove_fixed_ip(&self, id: &str, address: &str) -> Result<()> {
        if address.is_empty() {
            return Err(Error::InvalidInput("empty IP address".into()));
        }
        let needs = [("remove a fixed IP", Versions::until(2, 43))];
        self.act(id, &needs, &Action::RemoveFixedIp { address }).await.map(drop)
    }

    /// Set the guest's admin password (the password is never logged).
    pub async fn change_password(&self, id: &str, password: &SecretString) -> Result<()> {
        let action = Action::ChangePassword(ChangePassword { admin_pass: password });
        self.act(id, &[], &action).await.map(drop)
    }

    /// Trigger a crash dump in the guest (an NMI; 2.17+).
    pub async fn trigger_crash_dump(&self, id: &str) -> Result<()> {
        let needs = [("trigger crash dump", Versions::since(2, 17))];
        self.act(id, &needs, &Action::TriggerCrashDump(())).await.map(drop)
    }

    /// Force the server's state to `active` or `error` (admin).
    pub async fn reset_state(&self, id: &str, state: ResetState) -> Result<()> {
        self.act(id, &[], &Action::ResetState { state }).await.map(drop)
    }

    /// Reset networking (nova-network; nova answers 410 Gone since release 23.0.0).
    pub async fn reset_network(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::ResetNetwork(())).await.map(drop)
    }

    /// Inject network information into the guest (admin).
    pub async fn inject_network_info(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::InjectNetworkInfo(())).await.map(drop)
    }

    /// The console log, its last `length` lines (all of it when `None`).
    pub async fn console_output(&self, id: &str, length: Option<u32>) -> Result<String> {
        let fetched = self.act(id, &[], &Action::ConsoleOutput(ConsoleLength { length })).await?;
        decode::<ConsoleOutputAnswer>(&fetched).map(|a| a.output)
    }

    /// Restore a soft-deleted server (when the cloud defers deletes).
    pub async fn restore(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::Restore(())).await.map(drop)
    }

    /// Delete a soft-deleted server now.
    pub async fn force_delete(&self, id: &str) -> Result<()> {
        self.act(id, &[], &Action::ForceDelete(())).await.map(drop)
    }

    /// A remote console URL (`POST /servers/{id}/remote-consoles`, 2.6+; `webmks` 2.8+,
    /// `spice-direct` 2.99+).
    pub async fn remote_console(&self, id: &str, console_type: &ConsoleType) -> Result<RemoteConsole> {
        let what = format!("a {console_type} remote console");
        let body = RemoteConsoleRequest {
            remote_console: RemoteConsoleBody {
                protocol: console_type.protocol(),
                console_type: console_type.as_str(),
            },
        };
        let path = self.sub_path(id, "remote-consoles")?;
        let fetched = self.call_at(&[(&what, console_type.versions())], Method::POST, &path, Some(&body)).await?;
        decode::<RemoteConsoleAnswer>(&fetched).map(|a| a.remote_console)
    }

    /// Diagnostics of the guest (`GET /servers/{id}/diagnostics`; admin).
    pub async fn diagnostics(&self, id: &str) -> Result<ServerDiagnostics> {
        self.get_sub(id, "diagnostics").await
    }

    /// The encrypted admin password the guest posted (`GET /servers/{id}/os-server-password`);
    /// `None` when there is none. It is encrypted with the server's key pair.
    pub async fn password(&self, id: &str) -> Result<Option<String>> {
        let answer: PasswordAnswer = self.get_sub(id, "os-server-password").await?;
        Ok(answer.password.filter(|p| !p.is_empty()))
    }

    /// Clear the stored admin password (`DELETE /servers/{id}/os-server-password`).
    pub async fn clear_password(&self, id: &str) -> Result<()> {
        self.delete_sub(id, "os-server-password").await
    }
}
