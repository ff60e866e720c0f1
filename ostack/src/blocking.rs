//! A blocking facade over the async SDK, like `reqwest::blocking`: the same typed handles for
//! scripts and for programs that have no async runtime of their own.
//!
//! A [`Connection`] owns a small tokio runtime (one worker thread, shared by its clones and
//! handles). Each call enters that runtime and blocks the calling thread until the answer is
//! there. [`Api<R>`] mirrors [`crate::Api<R>`]: `list` (an iterator fetching one page at a time),
//! `get`, `find`, the waits for every resource, and `create`, `update`, `delete` only where the
//! resource allows them, so a call the API does not have still does not compile. Typed actions
//! run through [`Api::block_on`] on the async handle ([`Api::inner`]).
//!
//! Calls made from inside an async runtime work too (they run on the connection's own runtime, so
//! nothing deadlocks), but they block that runtime's thread while they wait: in async code use
//! [`crate::Connection`] instead.
//!
//! # Example
//! ```no_run
//! use ostack::blocking::Connection;
//! use ostack::network::v2::{CreateNetwork, CreateSubnet, NetworkQuery};
//!
//! fn main() -> ostack::Result<()> {
//!     let conn = Connection::from_env()?; // OS_CLOUD / clouds.yaml / OS_* variables
//!     for flavor in conn.compute().flavors().list(&Default::default()) {
//!         let flavor = flavor?; // one page is fetched whenever the previous one is used up
//!         println!("{} {} MiB", flavor.name, flavor.ram);
//!     }
//!     let networks = conn.network().networks(); // blocking::Api<Network>
//!     let net = networks.create(&CreateNetwork::new("demo"))?;
//!     let subnet = conn.network().subnets().create(&CreateSubnet::new(&net.id, "10.0.9.0/24"))?;
//!     let all = networks.list(&NetworkQuery::default()).collect_all()?;
//!     assert!(all.iter().any(|n| n.id == net.id));
//!     // actions are methods of the async handle, run to completion with block_on
//!     let routers = conn.network().routers();
//!     let router = routers.find("edge")?;
//!     routers.block_on(routers.inner().add_subnet(&router.id, &subnet.id))?;
//!     networks.delete(&net.id)?;
//!     Ok(())
//! }
//! ```
//!
//! Operations a resource does not have are not there:
//! ```compile_fail
//! # fn demo(conn: ostack::blocking::Connection) -> ostack::Result<()> {
//! // security group rules cannot be changed, only created and deleted
//! conn.network().security_group_rules().update("id", &Default::default())?;
//! # Ok(()) }
//! ```

use crate::api::{Creatable, Deletable, Updatable};
use crate::config::CloudConfig;
use crate::connection::ConnectionBuilder;
use crate::resource::{Pager, Resource};
use crate::Result;
use futures::StreamExt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// The runtime behind a blocking connection. Dropped without waiting for its idle tasks (pooled
/// HTTP connections), so dropping the last handle never blocks and never panics, even inside
/// another runtime.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Runtime {
    fn new() -> Result<Arc<Self>> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ostack-blocking")
            .enable_all()
            .build()?;
        Ok(Arc::new(Runtime(Some(runtime))))
    }

    /// Run `future` to completion on the calling thread, with the IO and timers driven by the
    /// runtime's worker. Unlike `Runtime::block_on`, this also works inside another runtime.
    fn block_on<F: Future>(&self, future: F) -> F::Output {
        let runtime = self.0.as_ref().expect("the runtime lives as long as its handles");
        let _context = runtime.enter();
        futures::executor::block_on(future)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

/// A blocking connection to one cloud: [`crate::Connection`] plus the runtime its calls run on.
/// Cheap to clone; clones share the session, token, endpoints and runtime.
#[derive(Clone)]
pub struct Connection {
    inner: crate::Connection,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Connection").field(&self.inner).finish()
    }
}

impl Connection {
    /// Connect to the cloud named by `OS_CLOUD` (or described by `OS_*` variables) and
    /// authenticate (see [`crate::Connection::from_env`]).
    pub fn from_env() -> Result<Self> {
        Self::start(crate::Connection::from_env())
    }

    /// Connect to a named cloud of clouds.yaml and authenticate.
    pub fn from_cloud(name: &str) -> Result<Self> {
        Self::start(crate::Connection::from_cloud(name))
    }

    /// Connect with a ready [`CloudConfig`] and authenticate.
    pub fn connect(config: CloudConfig) -> Result<Self> {
        Self::start(crate::Connection::connect(config))
    }

    /// Build from a [`ConnectionBuilder`] (retry policy, timeouts, a cached token or endpoints).
    /// Like the async builder, nothing is sent until the first call.
    pub fn from_builder(builder: ConnectionBuilder) -> Result<Self> {
        Self::start(builder.build())
    }

    fn start(connect: impl Future<Output = Result<crate::Connection>>) -> Result<Self> {
        let runtime = Runtime::new()?;
        let inner = runtime.block_on(connect)?;
        Ok(Connection { inner, runtime })
    }

    /// The async connection underneath (for calls the facade does not wrap; run them with
    /// [`Connection::block_on`]).
    pub fn inner(&self) -> &crate::Connection {
        &self.inner
    }

    /// Run any future of the async SDK to completion: `conn.block_on(conn.inner().catalog())`.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The configuration this connection was built from.
    pub fn config(&self) -> &CloudConfig {
        self.inner.config()
    }

    /// The compute (nova) proxy: `servers()`, `flavors()`, `keypairs()`.
    pub fn compute(&self) -> Proxy<crate::compute::v2::ComputeProxy> {
        self.proxy(self.inner.compute())
    }

    /// The network (neutron) proxy: `networks()`, `subnets()`, `ports()`, `routers()`,
    /// `floating_ips()`, `security_groups()`, `security_group_rules()`.
    pub fn network(&self) -> Proxy<crate::network::v2::NetworkProxy> {
        self.proxy(self.inner.network())
    }

    /// The identity (keystone) proxy: `domains()`, `projects()`, `users()`, `groups()`, `roles()`, ...
    pub fn identity(&self) -> Proxy<crate::identity::v3::IdentityProxy> {
        self.proxy(self.inner.identity())
    }

    /// The image (glance) proxy: `images()`.
    pub fn image(&self) -> Proxy<crate::image::v2::ImageProxy> {
        self.proxy(self.inner.image())
    }

    /// The block storage (cinder) proxy: `volumes()`, `snapshots()`, `backups()`, `types()`, ...
    pub fn block_storage(&self) -> Proxy<crate::block_storage::v3::BlockStorageProxy> {
        self.proxy(self.inner.block_storage())
    }

    /// The placement proxy: `resource_providers()`, `resource_classes()`; traits, allocations,
    /// candidates and usages through [`Proxy::block_on`] on [`Proxy::inner`].
    pub fn placement(&self) -> Proxy<crate::placement::v1::PlacementProxy> {
        self.proxy(self.inner.placement())
    }

    /// The object store (swift) proxy: `containers()`, `objects()`; data transfers, the account,
    /// temp URLs and bulk operations through [`Proxy::block_on`] on [`Proxy::inner`].
    pub fn object_store(&self) -> Proxy<crate::object_store::v1::ObjectStoreProxy> {
        self.proxy(self.inner.object_store())
    }

    fn proxy<P>(&self, inner: P) -> Proxy<P> {
        Proxy { inner, runtime: self.runtime.clone() }
    }
}

/// A blocking service proxy: hands out blocking [`Api`]s, like the async proxy `P` it wraps.
#[derive(Clone)]
pub struct Proxy<P> {
    inner: P,
    runtime: Arc<Runtime>,
}

impl<P: std::fmt::Debug> std::fmt::Debug for Proxy<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Proxy").field(&self.inner).finish()
    }
}

impl<P> Proxy<P> {
    /// The async proxy (for its other calls, run with [`Proxy::block_on`]).
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// Run a future of the async SDK to completion.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    fn api<R>(&self, inner: crate::Api<R>) -> Api<R> {
        Api { inner, runtime: self.runtime.clone() }
    }
}

impl Proxy<crate::compute::v2::ComputeProxy> {
    /// Servers.
    pub fn servers(&self) -> Api<crate::compute::v2::Server> {
        self.api(self.inner.servers())
    }

    /// Flavors.
    pub fn flavors(&self) -> Api<crate::compute::v2::Flavor> {
        self.api(self.inner.flavors())
    }

    /// Keypairs.
    pub fn keypairs(&self) -> Api<crate::compute::v2::Keypair> {
        self.api(self.inner.keypairs())
    }

    /// Server groups.
    pub fn server_groups(&self) -> Api<crate::compute::v2::ServerGroup> {
        self.api(self.inner.server_groups())
    }

    /// Host aggregates.
    pub fn aggregates(&self) -> Api<crate::compute::v2::Aggregate> {
        self.api(self.inner.aggregates())
    }

    /// Hypervisors.
    pub fn hypervisors(&self) -> Api<crate::compute::v2::Hypervisor> {
        self.api(self.inner.hypervisors())
    }

    /// Compute services.
    pub fn services(&self) -> Api<crate::compute::v2::ComputeService> {
        self.api(self.inner.services())
    }

    /// Migrations of every server.
    pub fn migrations(&self) -> Api<crate::compute::v2::Migration> {
        self.api(self.inner.migrations())
    }

    /// Quota sets (their id is the project id).
    pub fn quota_sets(&self) -> Api<crate::compute::v2::QuotaSet> {
        self.api(self.inner.quota_sets())
    }

    /// Quota classes.
    pub fn quota_class_sets(&self) -> Api<crate::compute::v2::QuotaClassSet> {
        self.api(self.inner.quota_class_sets())
    }

    /// Usage per project.
    pub fn usage(&self) -> Api<crate::compute::v2::TenantUsage> {
        self.api(self.inner.usage())
    }
}

impl Proxy<crate::network::v2::NetworkProxy> {
    /// Networks.
    pub fn networks(&self) -> Api<crate::network::v2::Network> {
        self.api(self.inner.networks())
    }

    /// Subnets.
    pub fn subnets(&self) -> Api<crate::network::v2::Subnet> {
        self.api(self.inner.subnets())
    }

    /// Ports.
    pub fn ports(&self) -> Api<crate::network::v2::Port> {
        self.api(self.inner.ports())
    }

    /// Routers.
    pub fn routers(&self) -> Api<crate::network::v2::Router> {
        self.api(self.inner.routers())
    }

    /// Floating IPs.
    pub fn floating_ips(&self) -> Api<crate::network::v2::FloatingIp> {
        self.api(self.inner.floating_ips())
    }

    /// Security groups.
    pub fn security_groups(&self) -> Api<crate::network::v2::SecurityGroup> {
        self.api(self.inner.security_groups())
    }

    /// Security group rules.
    pub fn security_group_rules(&self) -> Api<crate::network::v2::SecurityGroupRule> {
        self.api(self.inner.security_group_rules())
    }
}

impl Proxy<crate::identity::v3::IdentityProxy> {
    /// Domains.
    pub fn domains(&self) -> Api<crate::identity::v3::Domain> {
        self.api(self.inner.domains())
    }

    /// Projects.
    pub fn projects(&self) -> Api<crate::identity::v3::Project> {
        self.api(self.inner.projects())
    }

    /// Users.
    pub fn users(&self) -> Api<crate::identity::v3::User> {
        self.api(self.inner.users())
    }

    /// Groups.
    pub fn groups(&self) -> Api<crate::identity::v3::Group> {
        self.api(self.inner.groups())
    }

    /// Roles (grants and implied roles: `block_on(roles.inner().grant(..))`).
    pub fn roles(&self) -> Api<crate::identity::v3::Role> {
        self.api(self.inner.roles())
    }

    /// Role assignments.
    pub fn role_assignments(&self) -> Api<crate::identity::v3::RoleAssignment> {
        self.api(self.inner.role_assignments())
    }

    /// Catalog services.
    pub fn services(&self) -> Api<crate::identity::v3::Service> {
        self.api(self.inner.services())
    }

    /// Catalog endpoints.
    pub fn endpoints(&self) -> Api<crate::identity::v3::Endpoint> {
        self.api(self.inner.endpoints())
    }

    /// Regions.
    pub fn regions(&self) -> Api<crate::identity::v3::Region> {
        self.api(self.inner.regions())
    }

    /// The application credentials of a user.
    pub fn application_credentials(&self, user_id: &str) -> Api<crate::identity::v3::ApplicationCredential> {
        self.api(self.inner.application_credentials(user_id))
    }

    /// The access rules of a user.
    pub fn access_rules(&self, user_id: &str) -> Api<crate::identity::v3::AccessRule> {
        self.api(self.inner.access_rules(user_id))
    }

    /// Stored credentials.
    pub fn credentials(&self) -> Api<crate::identity::v3::Credential> {
        self.api(self.inner.credentials())
    }

    /// The EC2 credentials of a user.
    pub fn ec2_credentials(&self, user_id: &str) -> Api<crate::identity::v3::Ec2Credential> {
        self.api(self.inner.ec2_credentials(user_id))
    }

    /// Project and domain limits.
    pub fn limits(&self) -> Api<crate::identity::v3::Limit> {
        self.api(self.inner.limits())
    }

    /// Registered (default) limits.
    pub fn registered_limits(&self) -> Api<crate::identity::v3::RegisteredLimit> {
        self.api(self.inner.registered_limits())
    }

    /// Trusts.
    pub fn trusts(&self) -> Api<crate::identity::v3::Trust> {
        self.api(self.inner.trusts())
    }

    /// Federated identity providers.
    pub fn identity_providers(&self) -> Api<crate::identity::v3::IdentityProvider> {
        self.api(self.inner.identity_providers())
    }

    /// Federation mappings.
    pub fn mappings(&self) -> Api<crate::identity::v3::Mapping> {
        self.api(self.inner.mappings())
    }

    /// The protocols of an identity provider.
    pub fn federation_protocols(&self, idp_id: &str) -> Api<crate::identity::v3::FederationProtocol> {
        self.api(self.inner.federation_protocols(idp_id))
    }

    /// Federation service providers.
    pub fn service_providers(&self) -> Api<crate::identity::v3::ServiceProvider> {
        self.api(self.inner.service_providers())
    }
}

impl Proxy<crate::image::v2::ImageProxy> {
    /// Images.
    pub fn images(&self) -> Api<crate::image::v2::Image> {
        self.api(self.inner.images())
    }
}

impl Proxy<crate::block_storage::v3::BlockStorageProxy> {
    /// Volumes.
    pub fn volumes(&self) -> Api<crate::block_storage::v3::Volume> {
        self.api(self.inner.volumes())
    }

    /// Volume snapshots.
    pub fn snapshots(&self) -> Api<crate::block_storage::v3::Snapshot> {
        self.api(self.inner.snapshots())
    }

    /// Volume backups.
    pub fn backups(&self) -> Api<crate::block_storage::v3::Backup> {
        self.api(self.inner.backups())
    }

    /// Volume types.
    pub fn types(&self) -> Api<crate::block_storage::v3::VolumeType> {
        self.api(self.inner.types())
    }

    /// QoS specs.
    pub fn qos_specs(&self) -> Api<crate::block_storage::v3::QosSpec> {
        self.api(self.inner.qos_specs())
    }

    /// Volume transfers.
    pub fn transfers(&self) -> Api<crate::block_storage::v3::Transfer> {
        self.api(self.inner.transfers())
    }

    /// Attachments.
    pub fn attachments(&self) -> Api<crate::block_storage::v3::Attachment> {
        self.api(self.inner.attachments())
    }

    /// Groups.
    pub fn groups(&self) -> Api<crate::block_storage::v3::Group> {
        self.api(self.inner.groups())
    }

    /// Group types.
    pub fn group_types(&self) -> Api<crate::block_storage::v3::GroupType> {
        self.api(self.inner.group_types())
    }

    /// Group snapshots.
    pub fn group_snapshots(&self) -> Api<crate::block_storage::v3::GroupSnapshot> {
        self.api(self.inner.group_snapshots())
    }

    /// User messages.
    pub fn messages(&self) -> Api<crate::block_storage::v3::Message> {
        self.api(self.inner.messages())
    }
}

impl Proxy<crate::placement::v1::PlacementProxy> {
    /// Resource providers.
    pub fn resource_providers(&self) -> Api<crate::placement::v1::ResourceProvider> {
        self.api(self.inner.resource_providers())
    }

    /// Resource classes.
    pub fn resource_classes(&self) -> Api<crate::placement::v1::ResourceClass> {
        self.api(self.inner.resource_classes())
    }
}

impl Proxy<crate::object_store::v1::ObjectStoreProxy> {
    /// Containers.
    pub fn containers(&self) -> Api<crate::object_store::v1::Container> {
        self.api(self.inner.containers())
    }

    /// Objects (listed per container with `ObjectQuery::new(container)`).
    pub fn objects(&self) -> Api<crate::object_store::v1::Object> {
        self.api(self.inner.objects())
    }
}

/// The blocking handle of one resource: [`crate::Api<R>`] without `.await`.
pub struct Api<R> {
    inner: crate::Api<R>,
    runtime: Arc<Runtime>,
}

impl<R> Clone for Api<R> {
    fn clone(&self) -> Self {
        Api { inner: self.inner.clone(), runtime: self.runtime.clone() }
    }
}

impl<R> std::fmt::Debug for Api<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("blocking::Api").field("resource", &std::any::type_name::<R>()).finish_non_exhaustive()
    }
}

impl<R: Resource> Api<R> {
    /// The async handle, for the resource's typed actions: `api.block_on(api.inner().start(id))`.
    pub fn inner(&self) -> &crate::Api<R> {
        &self.inner
    }

    /// Run a future of the async SDK (typically an action of [`Api::inner`]) to completion.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// List lazily: an iterator that fetches the next page when the current one is used up
    /// (`GET <list path>?<query>`). It ends after the first error.
    pub fn list(&self, query: &R::Query) -> List<R> {
        List { pager: self.inner.list(query), runtime: self.runtime.clone() }
    }

    /// Get one by id (`GET <path>/<id>`).
    pub fn get(&self, id: &str) -> Result<R> {
        self.block_on(self.inner.get(id))
    }

    /// Find one by id, else by exact name; an error if none or several match.
    pub fn find(&self, name_or_id: &str) -> Result<R> {
        self.block_on(self.inner.find(name_or_id))
    }

    /// Find with a base query (see [`crate::Api::find_in`]).
    pub fn find_in(&self, name_or_id: &str, query: R::Query) -> Result<R> {
        self.block_on(self.inner.find_in(name_or_id, query))
    }

    /// Poll `get` until `predicate` holds; an error after `timeout`.
    pub fn wait_for(&self, id: &str, predicate: impl Fn(&R) -> bool, timeout: Duration) -> Result<R> {
        self.block_on(self.inner.wait_for(id, predicate, timeout))
    }

    /// Wait until the status is one of `targets` (case-insensitive); fail at once on one of `failures`.
    pub fn wait_for_status(&self, id: &str, targets: &[&str], failures: &[&str], timeout: Duration) -> Result<R> {
        self.block_on(self.inner.wait_for_status(id, targets, failures, timeout))
    }

    /// Wait until `get` answers 404.
    pub fn wait_for_delete(&self, id: &str, timeout: Duration) -> Result<()> {
        self.block_on(self.inner.wait_for_delete(id, timeout))
    }
}

impl<R: Creatable> Api<R> {
    /// Create one (`POST <path>`).
    pub fn create(&self, body: &R::Create) -> Result<R> {
        self.block_on(self.inner.create(body))
    }
}

impl<R: Updatable> Api<R> {
    /// Change one (PUT or PATCH under the key, or a JSON patch, as the resource declares).
    pub fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        self.block_on(self.inner.update(id, body))
    }
}

impl<R: Deletable> Api<R> {
    /// Delete one (`DELETE <path>/<id>`).
    pub fn delete(&self, id: &str) -> Result<()> {
        self.block_on(self.inner.delete(id))
    }
}

/// A lazily paged list: each `next` returns the next item, fetching a page when needed.
pub struct List<R> {
    pager: Pager<R>,
    runtime: Arc<Runtime>,
}

impl<R> std::fmt::Debug for List<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("blocking::List").field("resource", &std::any::type_name::<R>()).finish_non_exhaustive()
    }
}

impl<R: Resource> List<R> {
    /// Fetch every page and return all items (the first error stops it).
    pub fn collect_all(self) -> Result<Vec<R>> {
        self.collect()
    }
}

impl<R> Iterator for List<R> {
    type Item = Result<R>;

    fn next(&mut self) -> Option<Result<R>> {
        self.runtime.block_on(self.pager.next())
    }
}
