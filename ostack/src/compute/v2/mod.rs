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

mod aggregate;
mod availability_zone;
mod compute_service;
mod flavor;
mod flavor_access;
mod hypervisor;
mod instance_action;
mod keypair;
mod keypair_user;
mod limits;
mod migration;
mod nested;
mod proxy;
mod quota_set;
mod server;
mod server_action;
mod server_external_event;
mod server_group;
mod server_interface;
mod server_metadata;
mod server_migration;
mod server_tag;
mod usage;
mod volume_attachment;

pub use aggregate::{Aggregate, AggregateQuery, CreateAggregate, UpdateAggregate};
pub use availability_zone::{AvailabilityZone, ZoneService, ZoneState};
pub use compute_service::{ComputeService, ComputeServiceQuery, UpdateComputeService};
pub use flavor::{CreateFlavor, Flavor, FlavorQuery};
pub use hypervisor::{Hypervisor, HypervisorQuery, HypervisorServer, HypervisorService};
pub use instance_action::{InstanceAction, InstanceActionEvent, InstanceActionQuery};
pub use keypair::{CreateKeypair, Keypair, KeypairQuery};
pub use limits::{AbsoluteLimits, Limits, LimitsQuery};
pub use migration::{Migration, MigrationQuery};
pub use proxy::ComputeProxy;
pub use quota_set::{
    ComputeQuotas, QuotaClassSet, QuotaSet, QuotaSetDetail, QuotaSetQuery, QuotaUsage, UpdateQuotaSet,
};
pub use server::{
    BlockDeviceMapping, BootImage, CreateServer, Link, NamedRef, RebootType, Server, ServerAddress, ServerFlavor,
    ServerImage, ServerNetwork, ServerNetworks, ServerQuery, ServerStatus, UpdateServer,
};
pub use server_action::{
    BlockMigration, ConsoleType, CreateBackup, DiskConfig, Evacuate, LiveMigrate, Rebuild, RemoteConsole, Rescue,
    ResetState, Resize, ServerDiagnostics, Unshelve,
};
pub use server_external_event::ExternalEvent;
pub use server_group::{CreateServerGroup, ServerGroup, ServerGroupQuery, ServerGroupRules};
pub use server_interface::{AttachInterface, InterfaceAttachment, InterfaceFixedIp};
pub use server_migration::ServerMigration;
pub use usage::{ServerUsage, TenantUsage, UsageQuery};
pub use volume_attachment::{AttachVolume, UpdateVolumeAttachment, VolumeAttachment, VolumeAttachmentQuery};
