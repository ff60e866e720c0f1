//! Allocation candidates: the sets of providers that could satisfy a request, with a summary of
//! each provider (`GET /allocation_candidates`, microversion 1.10).

use super::{required_params, resources_param, QueryPairs, Resources};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How numbered request groups may share providers (1.25).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPolicy {
    /// Groups may be satisfied by the same provider.
    None,
    /// Each numbered group by a different provider.
    Isolate,
}

impl GroupPolicy {
    /// As the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupPolicy::None => "none",
            GroupPolicy::Isolate => "isolate",
        }
    }
}

/// One request group: resources (and traits, aggregates, a tree) that one provider (numbered or
/// named groups, 1.25/1.33) or the whole tree (the unsuffixed group) must satisfy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestGroup {
    /// `""` for the unsuffixed group, else the suffix appended to each parameter (`1`, `_NIC`).
    pub suffix: String,
    /// Amounts by resource class.
    pub resources: Resources,
    /// Each a `required` parameter (see [`required_params`]): `A,!B` or `in:A,B`.
    pub required: Vec<String>,
    /// Each a `member_of` parameter: `<agg>`, `in:<agg>,<agg>`, `!<agg>`.
    pub member_of: Vec<String>,
    /// Within this provider's tree.
    pub in_tree: Option<String>,
}

impl RequestGroup {
    /// The unsuffixed group.
    pub fn unsuffixed() -> Self {
        RequestGroup::default()
    }

    /// A numbered or named group (`1`, `_NIC`).
    pub fn suffixed(suffix: impl Into<String>) -> Self {
        RequestGroup { suffix: suffix.into(), ..Default::default() }
    }

    /// Add `amount` of `class`.
    pub fn resource(mut self, class: impl Into<String>, amount: i64) -> Self {
        self.resources.insert(class.into(), amount);
        self
    }

    /// Require a trait (sent with the group's other required and forbidden traits).
    pub fn require(self, trait_name: &str) -> Self {
        self.traits(&[trait_name.to_string()], &[])
    }

    /// Forbid a trait (1.22).
    pub fn forbid(self, trait_name: &str) -> Self {
        self.traits(&[], &[trait_name.to_string()])
    }

    /// Required (an entry with commas is an any-of group, 1.39) and forbidden traits.
    pub fn traits(mut self, required: &[String], forbidden: &[String]) -> Self {
        // the all-of traits share one parameter: merge with an existing one
        let mut params = required_params(required, forbidden);
        if let Some(pos) = self.required.iter().position(|p| !p.starts_with("in:")) {
            if let Some(new_pos) = params.iter().position(|p| !p.starts_with("in:")) {
                let merged = format!("{},{}", self.required[pos], params.remove(new_pos));
                self.required[pos] = merged;
            }
        }
        self.required.extend(params);
        self
    }

    /// In this aggregate, or one of these (`in:a,b`).
    pub fn member_of(mut self, aggregates: &[&str]) -> Self {
        self.member_of.push(if aggregates.len() == 1 {
            aggregates[0].to_string()
        } else {
            format!("in:{}", aggregates.join(","))
        });
        self
    }

    fn add_to(&self, pairs: &mut QueryPairs) {
        let s = &self.suffix;
        pairs.one(format!("resources{s}"), resources_param(&self.resources));
        pairs.each(&format!("required{s}"), &self.required);
        pairs.each(&format!("member_of{s}"), &self.member_of);
        pairs.one(format!("in_tree{s}"), self.in_tree.as_ref());
    }
}

/// What to ask `GET /allocation_candidates` for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AllocationCandidatesQuery {
    /// The request groups (at least one with resources).
    pub groups: Vec<RequestGroup>,
    /// At most this many candidates (1.16).
    pub limit: Option<u32>,
    /// How numbered groups share providers (required with more than one of them, 1.25).
    pub group_policy: Option<GroupPolicy>,
    /// Each a `same_subtree` parameter: suffixes whose providers must share a subtree (1.36).
    pub same_subtree: Vec<String>,
    /// Traits the root of each tree must have (`!T`: must not; 1.35).
    pub root_required: Vec<String>,
}

impl AllocationCandidatesQuery {
    /// A query for one group.
    pub fn new(group: RequestGroup) -> Self {
        AllocationCandidatesQuery { groups: vec![group], ..Default::default() }
    }

    /// Add a group.
    pub fn group(mut self, group: RequestGroup) -> Self {
        self.groups.push(group);
        self
    }

    /// The query string's pairs, in order.
    pub(crate) fn pairs(&self) -> QueryPairs {
        let mut pairs = QueryPairs::default();
        for group in &self.groups {
            group.add_to(&mut pairs);
        }
        pairs.one("limit", self.limit);
        pairs.one("group_policy", self.group_policy.map(GroupPolicy::as_str));
        pairs.each("same_subtree", &self.same_subtree);
        pairs.one("root_required", (!self.root_required.is_empty()).then(|| self.root_required.join(",")));
        pairs
    }
}

/// The answer of `GET /allocation_candidates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AllocationCandidates {
    /// The candidates, each claimable as it is with `PUT /allocations/{consumer}`.
    #[serde(default)]
    pub allocation_requests: Vec<AllocationRequest>,
    /// Each provider involved, by UUID, in the API's order.
    #[serde(default)]
    pub provider_summaries: IndexMap<String, ProviderSummary>,
}

/// One candidate.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationRequest {
    /// What it would allocate where.
    pub allocations: CandidateAllocations,
    /// Which providers satisfy which request group, by suffix (1.34).
    #[serde(default)]
    pub mappings: Option<IndexMap<String, Vec<String>>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A candidate's allocations: by provider (1.12) or, before, a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CandidateAllocations {
    /// `{"<provider>": {"resources": {...}}}` (1.12).
    ByProvider(IndexMap<String, super::resource_provider::ConsumerResources>),
    /// `[{"resource_provider": {"uuid": ...}, "resources": {...}}]` (before 1.12).
    Listed(Vec<ListedAllocation>),
}

impl CandidateAllocations {
    /// Amounts by provider UUID, whatever the shape.
    pub fn by_provider(&self) -> Vec<(&str, &Resources)> {
        match self {
            CandidateAllocations::ByProvider(map) => map.iter().map(|(k, v)| (k.as_str(), &v.resources)).collect(),
            CandidateAllocations::Listed(list) => {
                list.iter().map(|a| (a.resource_provider.uuid.as_str(), &a.resources)).collect()
            }
        }
    }
}

/// One allocation of a candidate before microversion 1.12.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedAllocation {
    /// The provider.
    pub resource_provider: ProviderRef,
    /// Amounts by resource class.
    #[serde(default)]
    pub resources: Resources,
}

/// `{"uuid": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderRef {
    /// The provider's UUID.
    pub uuid: String,
}

/// A provider's state in a candidates answer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderSummary {
    /// Capacity and usage by resource class.
    #[serde(default)]
    pub resources: IndexMap<String, Capacity>,
    /// Its traits (1.17).
    #[serde(default)]
    pub traits: Option<Vec<String>>,
    /// Its parent (1.29).
    #[serde(default)]
    pub parent_provider_uuid: Option<String>,
    /// Its root (1.29).
    #[serde(default)]
    pub root_provider_uuid: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Capacity and usage of one class.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    /// `(total - reserved) * allocation_ratio`.
    #[serde(default)]
    pub capacity: i64,
    /// Allocated now.
    #[serde(default)]
    pub used: i64,
}
