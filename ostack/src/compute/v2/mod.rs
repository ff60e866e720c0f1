//! Compute (nova) API v2.1: servers, flavors, keypairs, each an [`Api`](crate::Api) handle.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::compute::v2::{CreateServer, ServerNetworks};
//! let flavor = conn.compute().flavors().find("m1.tiny").await?;
//! let image = conn.image().images().find("cirros").await?;
//! let body = CreateServer::new("vm1", &flavor.id).image(&image.id).networks(ServerNetworks::Auto);
//! let server = conn.compute().servers().create(&body).await?;
//! let server = conn.compute().servers().wait_until(&server.id, "ACTIVE", std::time::Duration::from_secs(300)).await?;
//! conn.compute().servers().reboot(&server.id, ostack::compute::v2::RebootType::Soft).await?;
//! # Ok(()) }
//! ```

mod flavor;
mod instance_action;
mod keypair;
mod nested;
mod proxy;
mod server;
mod server_action;
mod server_interface;
mod server_metadata;
mod server_migration;
mod server_tag;
mod volume_attachment;

pub use flavor::{CreateFlavor, Flavor, FlavorQuery};
pub use instance_action::{InstanceAction, InstanceActionEvent, InstanceActionQuery};
pub use keypair::{CreateKeypair, Keypair, KeypairQuery};
pub use proxy::ComputeProxy;
pub use server::{
    BlockDeviceMapping, CreateServer, Link, NamedRef, RebootType, Server, ServerAddress, ServerFlavor, ServerImage,
    ServerNetwork, ServerNetworks, ServerQuery, ServerStatus, UpdateServer,
};
pub use server_action::{
    BlockMigration, ConsoleType, CreateBackup, DiskConfig, Evacuate, LiveMigrate, Rebuild, RemoteConsole, Rescue,
    ResetState, Resize, ServerDiagnostics, Unshelve,
};
pub use server_interface::{AttachInterface, InterfaceAttachment, InterfaceFixedIp};
pub use server_migration::ServerMigration;
pub use volume_attachment::{AttachVolume, UpdateVolumeAttachment, VolumeAttachment, VolumeAttachmentQuery};
