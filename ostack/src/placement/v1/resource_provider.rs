//! ResourceProvider: something that provides resources (a compute node, a storage pool, a NIC),
//! possibly in a tree (`/resource_providers`), with its inventories, usages, aggregates, traits
//! and the allocations against it.

use super::{decode, get_json, require, required_params, resources_param, segment, send, Link, QueryPairs, Resources};
use crate::api::{Api, Deletable, Updatable};
use crate::discovery::Microversion;
use crate::{Error, Result};
use indexmap::IndexMap;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A placement resource provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResourceProvider {
    /// The provider's UUID (`uuid` in the API).
    #[serde(rename = "uuid")]
    pub id: String,
    /// Name, unique in the cloud.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub name: String,
    /// Changes on every write to the provider; writes send the one they read.
    #[serde(default)]
    pub generation: i64,
    /// The root of its tree (itself for a root; microversion 1.14).
    #[serde(default)]
    pub root_provider_uuid: Option<String>,
    /// Its parent (`None` for a root; microversion 1.14).
    #[serde(default)]
    pub parent_provider_uuid: Option<String>,
    /// Links to its sub-resources.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(ResourceProvider {
    service: Placement,
    path: "resource_providers",
    key: None,
    plural: "resource_providers",
    query: ResourceProviderQuery,
    pagination: None,
    name: name,
    name_filter: name,
});
impl Updatable for ResourceProvider {
    type Update = UpdateResourceProvider;
}
impl Deletable for ResourceProvider {}

/// Filters for listing resource providers.
#[derive(Debug, Clone, Default)]
pub struct ResourceProviderQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Exact UUID.
    pub uuid: Option<String>,
    /// Each a `member_of` parameter: an aggregate, `in:<agg>,<agg>` (any of them) or `!<agg>`
    /// (1.3; repeated: all of them, 1.24; `!` 1.32).
    pub member_of: Vec<String>,
    /// In the tree of this provider (1.14).
    pub in_tree: Option<String>,
    /// With capacity for these amounts (1.4).
    pub resources: Resources,
    /// Each a `required` parameter: `A,!B` (all of, none of; `!` 1.22) or `in:A,B` (any of, 1.39);
    /// see [`required_params`](super::required_params).
    pub required: Vec<String>,
}

impl ResourceProviderQuery {
    /// With capacity for `amount` of `class`.
    pub fn resource(mut self, class: impl Into<String>, amount: i64) -> Self {
        self.resources.insert(class.into(), amount);
        self
    }

    /// Having these traits and none of the forbidden ones (see [`required_params`]).
    pub fn traits(mut self, required: &[String], forbidden: &[String]) -> Self {
        self.required.extend(required_params(required, forbidden));
        self
    }

    fn pairs(&self) -> QueryPairs {
        let mut pairs = QueryPairs::default();
        pairs.one("name", self.name.as_ref());
        pairs.one("uuid", self.uuid.as_ref());
        pairs.each("member_of", &self.member_of);
        pairs.one("in_tree", self.in_tree.as_ref());
        pairs.one("resources", resources_param(&self.resources));
        pairs.each("required", &self.required);
        pairs
    }
}

impl Serialize for ResourceProviderQuery {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.pairs().serialize(serializer)
    }
}

/// The body of `POST /resource_providers`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateResourceProvider {
    /// Name (unique).
    pub name: String,
    /// A UUID of your choosing (the cloud makes one otherwise).
    pub uuid: Option<String>,
    /// The parent, for a provider in a tree (1.14).
    pub parent_provider_uuid: Option<String>,
}

impl CreateResourceProvider {
    /// A root provider named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateResourceProvider { name: name.into(), ..Default::default() }
    }
}

/// The body of `PUT /resource_providers/{uuid}`: the name, and a parent for a root (1.14).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateResourceProvider {
    /// The name (required by the API, even unchanged).
    pub name: String,
    /// A parent for a provider that has none, or (1.37) another one.
    pub parent_provider_uuid: Option<String>,
}

/// One inventory record: how much of a resource class a provider has, and the rules for
/// allocating it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// The amount the provider has.
    #[serde(default)]
    pub total: i64,
    /// Kept for the provider's own use.
    #[serde(default)]
    pub reserved: Option<i64>,
    /// Smallest single allocation.
    #[serde(default)]
    pub min_unit: Option<i64>,
    /// Largest single allocation.
    #[serde(default)]
    pub max_unit: Option<i64>,
    /// Allocations are multiples of this.
    #[serde(default)]
    pub step_size: Option<i64>,
    /// Overcommit: capacity is `(total - reserved) * allocation_ratio`.
    #[serde(default)]
    pub allocation_ratio: Option<f64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Inventory {
    /// `total` of a class, the other fields at the cloud's defaults.
    pub fn total(total: i64) -> Self {
        Inventory { total, ..Default::default() }
    }
}

/// One inventory of a provider and the provider's generation after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderInventory {
    /// The provider's generation.
    #[serde(default)]
    pub resource_provider_generation: i64,
    /// The record.
    #[serde(flatten)]
    pub inventory: Inventory,
}

/// Every inventory of a provider, by resource class, and the provider's generation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderInventories {
    /// Inventories by resource class, in the API's order.
    #[serde(default)]
    pub inventories: IndexMap<String, Inventory>,
    /// The provider's generation (`None` in a reshape: a provider created meanwhile).
    #[serde(default)]
    pub resource_provider_generation: Option<i64>,
}

/// What a provider's resources are used for, by class.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderUsages {
    /// Used amount by resource class.
    #[serde(default)]
    pub usages: Resources,
    /// The provider's generation.
    #[serde(default)]
    pub resource_provider_generation: Option<i64>,
}

/// The aggregates a provider is in.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderAggregates {
    /// Aggregate UUIDs.
    #[serde(default)]
    pub aggregates: Vec<String>,
    /// The provider's generation (1.19).
    #[serde(default)]
    pub resource_provider_generation: Option<i64>,
}

/// The traits of a provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderTraits {
    /// Trait names.
    #[serde(default)]
    pub traits: Vec<String>,
    /// The provider's generation.
    #[serde(default)]
    pub resource_provider_generation: i64,
}

/// The allocations against a provider, by consumer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderAllocations {
    /// Amounts by consumer: `{"<consumer>": {"resources": {...}}}`.
    #[serde(default)]
    pub allocations: IndexMap<String, ConsumerResources>,
    /// The provider's generation.
    #[serde(default)]
    pub resource_provider_generation: Option<i64>,
}

/// `{"resources": {...}}`: what one consumer holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsumerResources {
    /// Amounts by resource class.
    #[serde(default)]
    pub resources: Resources,
    /// Every other field the cloud sent (`consumer_generation` in a provider's allocations).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn sub(uuid: &str, rest: &str) -> Result<String> {
    Ok(format!("resource_providers/{}/{rest}", segment(uuid, "resource provider uuid")?))
}

impl Api<ResourceProvider> {
    /// Create one (`POST /resource_providers`). Before microversion 1.20 the cloud answers with a
    /// `Location` only; the provider is then read from there.
    pub async fn create(&self, body: &CreateResourceProvider) -> Result<ResourceProvider> {
        if body.parent_provider_uuid.is_some() {
            require(self.connection(), (1, 14), "a parent provider").await?;
        }
        let fetched = send(self.connection(), Method::POST, "resource_providers", Some(body)).await?;
        if !fetched.body.iter().all(u8::is_ascii_whitespace) {
            return decode(&fetched, "ResourceProvider");
        }
        let location = fetched.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
        let uuid = location.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty());
        let uuid = uuid.or(body.uuid.as_deref()).ok_or_else(|| Error::Decode {
            resource: "ResourceProvider".into(),
            url: fetched.url.clone(),
            message: "the cloud created a resource provider but sent neither its body nor a Location".into(),
        })?;
        self.get(uuid).await
    }

    /// Every inventory of a provider (`GET .../inventories`).
    pub async fn inventories(&self, uuid: &str) -> Result<ProviderInventories> {
        get_json(self.connection(), &sub(uuid, "inventories")?, "ProviderInventories").await
    }

    /// One inventory (`GET .../inventories/{class}`).
    pub async fn inventory(&self, uuid: &str, class: &str) -> Result<ProviderInventory> {
        let path = sub(uuid, &format!("inventories/{}", segment(class, "resource class")?))?;
        get_json(self.connection(), &path, "ProviderInventory").await
    }

    /// Add an inventory of a class the provider has none of (`POST .../inventories`).
    pub async fn add_inventory(
        &self,
        uuid: &str,
        class: &str,
        generation: i64,
        inventory: &Inventory,
    ) -> Result<ProviderInventory> {
        let mut body = serde_json::to_value(ProviderInventory {
            resource_provider_generation: generation,
            inventory: inventory.clone(),
        })
        .map_err(|e| Error::InvalidInput(format!("cannot encode the inventory: {e}")))?;
        body["resource_class"] = json!(segment(class, "resource class").map(|_| class)?);
        let fetched = send(self.connection(), Method::POST, &sub(uuid, "inventories")?, Some(&body)).await?;
        decode(&fetched, "ProviderInventory")
    }

    /// Replace the inventory of a class the provider has, the others kept
    /// (`PUT .../inventories/{class}`; [`add_inventory`](Self::add_inventory) adds a new class).
    pub async fn set_inventory(
        &self,
        uuid: &str,
        class: &str,
        generation: i64,
        inventory: &Inventory,
    ) -> Result<ProviderInventory> {
        let path = sub(uuid, &format!("inventories/{}", segment(class, "resource class")?))?;
        let body = ProviderInventory { resource_provider_generation: generation, inventory: inventory.clone() };
        let fetched = send(self.connection(), Method::PUT, &path, Some(&body)).await?;
        decode(&fetched, "ProviderInventory")
    }

    /// Replace all inventories with these (`PUT .../inventories`); classes left out are removed.
    pub async fn set_inventories(
        &self,
        uuid: &str,
        generation: i64,
        inventories: &IndexMap<String, Inventory>,
    ) -> Result<ProviderInventories> {
        let body =
            ProviderInventories { inventories: inventories.clone(), resource_provider_generation: Some(generation) };
        let fetched = send(self.connection(), Method::PUT, &sub(uuid, "inventories")?, Some(&body)).await?;
        decode(&fetched, "ProviderInventories")
    }

    /// Remove one inventory (`DELETE .../inventories/{class}`); refused while it is allocated.
    pub async fn delete_inventory(&self, uuid: &str, class: &str) -> Result<()> {
        let path = sub(uuid, &format!("inventories/{}", segment(class, "resource class")?))?;
        send::<()>(self.connection(), Method::DELETE, &path, None).await.map(drop)
    }

    /// Remove every inventory (`DELETE .../inventories`, 1.5).
    pub async fn delete_inventories(&self, uuid: &str) -> Result<()> {
        require(self.connection(), (1, 5), "deleting all inventories").await?;
        send::<()>(self.connection(), Method::DELETE, &sub(uuid, "inventories")?, None).await.map(drop)
    }

    /// Used amounts by class (`GET .../usages`).
    pub async fn usages(&self, uuid: &str) -> Result<ProviderUsages> {
        get_json(self.connection(), &sub(uuid, "usages")?, "ProviderUsages").await
    }

    /// The aggregates it is in (`GET .../aggregates`, 1.1).
    pub async fn aggregates(&self, uuid: &str) -> Result<ProviderAggregates> {
        require(self.connection(), (1, 1), "resource provider aggregates").await?;
        get_json(self.connection(), &sub(uuid, "aggregates")?, "ProviderAggregates").await
    }

    /// Replace its aggregates (`PUT .../aggregates`, 1.1). From 1.19 the provider's `generation`
    /// is required; before, it is not sent.
    pub async fn set_aggregates(
        &self,
        uuid: &str,
        aggregates: &[String],
        generation: Option<i64>,
    ) -> Result<ProviderAggregates> {
        let version = require(self.connection(), (1, 1), "resource provider aggregates").await?;
        let path = sub(uuid, "aggregates")?;
        let body = if version >= Microversion::new(1, 19) {
            let generation = generation.ok_or_else(|| {
                Error::InvalidInput(format!(
                    "setting aggregates at placement microversion {version} needs the provider's generation"
                ))
            })?;
            json!({ "aggregates": aggregates, "resource_provider_generation": generation })
        } else {
            json!(aggregates)
        };
        let fetched = send(self.connection(), Method::PUT, &path, Some(&body)).await?;
        decode(&fetched, "ProviderAggregates")
    }

    /// Its traits (`GET .../traits`, 1.6).
    pub async fn traits(&self, uuid: &str) -> Result<ProviderTraits> {
        require(self.connection(), (1, 6), "resource provider traits").await?;
        get_json(self.connection(), &sub(uuid, "traits")?, "ProviderTraits").await
    }

    /// Replace its traits (`PUT .../traits`, 1.6).
    pub async fn set_traits(&self, uuid: &str, traits: &[String], generation: i64) -> Result<ProviderTraits> {
        require(self.connection(), (1, 6), "resource provider traits").await?;
        let body = ProviderTraits { traits: traits.to_vec(), resource_provider_generation: generation };
        let fetched = send(self.connection(), Method::PUT, &sub(uuid, "traits")?, Some(&body)).await?;
        decode(&fetched, "ProviderTraits")
    }

    /// Remove all its traits (`DELETE .../traits`, 1.6).
    pub async fn delete_traits(&self, uuid: &str) -> Result<()> {
        require(self.connection(), (1, 6), "resource provider traits").await?;
        send::<()>(self.connection(), Method::DELETE, &sub(uuid, "traits")?, None).await.map(drop)
    }

    /// The allocations against it, by consumer (`GET .../allocations`).
    pub async fn allocations(&self, uuid: &str) -> Result<ProviderAllocations> {
        get_json(self.connection(), &sub(uuid, "allocations")?, "ProviderAllocations").await
    }
}
