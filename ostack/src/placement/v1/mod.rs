//! Placement API v1: resource providers (with their inventories, usages, aggregates, traits and
//! allocations), resource classes, traits, consumer allocations, allocation candidates, usages
//! and the reshaper.
//!
//! Placement has no versioned path: the catalog URL is the API root, and every behaviour change
//! is a microversion (up to 1.39 here, negotiated with the cloud; `placement_api_version` in
//! clouds.yaml pins one). Calls whose request or answer changed shape across microversions send
//! the shape of the microversion in use, and calls that need a newer one fail before sending.
//!
//! Writes to a provider carry its `generation`; a write with a stale one fails with
//! [`Error::Conflict`](crate::Error::Conflict), [`is_generation_conflict`](crate::Error::is_generation_conflict)
//! true: read the provider again and retry (`examples/placement_generation.rs`).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::placement::v1::{AllocationCandidatesQuery, CreateResourceProvider, Inventory, RequestGroup};
//! let providers = conn.placement().resource_providers();
//! let rp = providers.create(&CreateResourceProvider::new("fpga-host")).await?;
//! let inv = providers.add_inventory(&rp.id, "CUSTOM_FPGA", rp.generation, &Inventory::total(4)).await?;
//! providers.set_traits(&rp.id, &["CUSTOM_FAST".into()], inv.resource_provider_generation).await?;
//! let query = AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource("CUSTOM_FPGA", 1).require("CUSTOM_FAST"));
//! let candidates = conn.placement().allocation_candidates(&query).await?;
//! assert!(candidates.provider_summaries.contains_key(&rp.id));
//! # Ok(()) }
//! ```

mod allocation;
mod allocation_candidate;
mod proxy;
mod resource_class;
mod resource_provider;
mod traits;
mod usage;

pub use allocation::{Allocations, ConsumerAllocations, ProviderAllocation, Reshape, SetAllocations};
pub use allocation_candidate::{
    AllocationCandidates, AllocationCandidatesQuery, AllocationRequest, CandidateAllocations, Capacity, GroupPolicy,
    ListedAllocation, ProviderRef, ProviderSummary, RequestGroup,
};
pub use indexmap::IndexMap;
pub use proxy::PlacementProxy;
pub use resource_class::{ResourceClass, ResourceClassQuery};
pub use resource_provider::{
    ConsumerResources, CreateResourceProvider, Inventory, ProviderAggregates, ProviderAllocations, ProviderInventories,
    ProviderInventory, ProviderTraits, ProviderUsages, ResourceProvider, ResourceProviderQuery, UpdateResourceProvider,
};
pub use traits::{TraitQuery, Traits};
pub use usage::{UsageQuery, UsageValue, Usages};

use crate::catalog::ServiceType;
use crate::discovery::Microversion;
use crate::session::{Fetched, Request};
use crate::{Connection, Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Amounts per resource class (`{"VCPU": 2, "MEMORY_MB": 512}`), in the order the API sent them.
pub type Resources = IndexMap<String, i64>;

/// A link (`rel` + `href`) of a placement document.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Relation (`self`, `inventories`, ...).
    #[serde(default)]
    pub rel: Option<String>,
    /// Target, relative to the placement root.
    #[serde(default)]
    pub href: Option<String>,
}

/// The `required` query parameters for these traits, as osc-placement builds them: each entry of
/// `required` holding a comma is an any-of group (`in:A,B`, microversion 1.39), the others and
/// the `forbidden` ones (sent as `!T`) share one parameter.
///
/// ```
/// use ostack::placement::v1::required_params;
/// let params = required_params(&["A".into(), "B,C".into()], &["D".into()]);
/// assert_eq!(params, ["in:B,C", "A,!D"]);
/// ```
pub fn required_params(required: &[String], forbidden: &[String]) -> Vec<String> {
    let mut params = Vec::new();
    let mut all_of = Vec::new();
    for trait_name in required {
        if trait_name.contains(',') {
            params.push(format!("in:{trait_name}"));
        } else {
            all_of.push(trait_name.clone());
        }
    }
    all_of.extend(forbidden.iter().map(|f| format!("!{f}")));
    if !all_of.is_empty() {
        params.push(all_of.join(","));
    }
    params
}

/// `RC:n,RC:n` of a `resources` query parameter.
pub(crate) fn resources_param(resources: &Resources) -> Option<String> {
    (!resources.is_empty())
        .then(|| resources.iter().map(|(class, amount)| format!("{class}:{amount}")).collect::<Vec<_>>().join(","))
}

/// Query parameters in order, a key possibly repeated (`member_of=...&member_of=...`), which a
/// derived `Serialize` cannot express; serialized as a map, which `serde_urlencoded` writes pair
/// by pair.
#[derive(Debug, Default)]
pub(crate) struct QueryPairs(Vec<(String, String)>);

impl QueryPairs {
    pub(crate) fn one(&mut self, key: impl Into<String>, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.0.push((key.into(), v.to_string()));
        }
    }

    pub(crate) fn each(&mut self, key: &str, values: &[String]) {
        for v in values {
            self.0.push((key.to_string(), v.clone()));
        }
    }

    /// `path?query` (or `path` when there are no parameters).
    pub(crate) fn to_path(&self, path: &str) -> Result<String> {
        let query = serde_urlencoded::to_string(self)
            .map_err(|e| Error::InvalidInput(format!("cannot encode placement filters: {e}")))?;
        Ok(if query.is_empty() { path.to_string() } else { format!("{path}?{query}") })
    }
}

impl Serialize for QueryPairs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The microversion this connection speaks to placement (`1.0` when none was negotiated).
pub(crate) async fn microversion(conn: &Connection) -> Result<Microversion> {
    Ok(conn.endpoint(ServiceType::Placement).await?.microversion.unwrap_or(Microversion::new(1, 0)))
}

/// Fail before sending ([`Error::Unsupported`]) when the connection's microversion is below `min`.
pub(crate) async fn require(conn: &Connection, min: (u32, u32), what: &str) -> Result<Microversion> {
    let min = Microversion::new(min.0, min.1);
    let endpoint = crate::api::require_microversion(conn, ServiceType::Placement, min, what).await?;
    Ok(endpoint.microversion.unwrap_or(Microversion::new(1, 0)))
}

/// Send `method path` (relative to the placement root) with an optional JSON body.
pub(crate) async fn send<B: Serialize + ?Sized>(
    conn: &Connection,
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<Fetched> {
    let mut request: Request = conn.request(ServiceType::Placement, method, path).await?;
    if let Some(body) = body {
        request = request.json(body)?;
    }
    conn.fetch(request).await
}

/// Decode an answer, naming `what` in errors.
pub(crate) fn decode<T: DeserializeOwned>(fetched: &Fetched, what: &str) -> Result<T> {
    crate::connection::decode_seeded(&fetched.body, std::marker::PhantomData::<T>, what, &fetched.url)
}

/// `GET path`, decoded.
pub(crate) async fn get_json<T: DeserializeOwned>(conn: &Connection, path: &str, what: &str) -> Result<T> {
    let fetched = send::<()>(conn, Method::GET, path, None).await?;
    decode(&fetched, what)
}

/// One path segment, percent-encoded, refusing empty ones.
pub(crate) fn segment(value: &str, what: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("empty {what}")));
    }
    Ok(crate::resource::utf8_percent_encode(value))
}
