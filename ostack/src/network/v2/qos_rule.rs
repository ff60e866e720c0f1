//! The rules of a QoS policy (`/v2.0/qos/policies/{policy_id}/<type>_rules`): bandwidth limit,
//! DSCP marking, minimum bandwidth, minimum packet rate and packet rate limit. Reach them with
//! [`NetworkProxy::bandwidth_limit_rules`](super::NetworkProxy::bandwidth_limit_rules) and its
//! siblings, which take the policy id.

use super::child::Child;
use super::{keeps_sent, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// QoS rules take no filters beyond the policy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QosRuleQuery {}

macro_rules! qos_rule {
    ($(#[$doc:meta])* $ty:ident, $create:ident, $update:ident, $path:literal, $key:literal, $plural:literal, $display:literal,
     { $($(#[$fdoc:meta])* $field:ident: $fty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[serde_with::skip_serializing_none]
        #[derive(Debug, Clone, Serialize, Deserialize)]
        #[serde(remote = "Self")]
        pub struct $ty {
            /// Rule id.
            pub id: String,
            $($(#[$fdoc])* #[serde(default)] pub $field: Option<$fty>,)*
            /// The policy (neutron sends it in some answers).
            #[serde(default)]
            pub qos_policy_id: Option<String>,
            /// Every other field the cloud sent.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
            /// The keys neutron sent, for re-serializing (see [`Sent`]).
            #[serde(skip)]
            pub sent: Sent,
        }
        keeps_sent!($ty);

        crate::resource!($ty {
            service: Network, path: $path, key: Some($key), plural: $plural, query: QosRuleQuery, display: $display,
        });
        impl Child for $ty {
            const PARENT_PATH: &'static str = "qos/policies";
        }
        impl Creatable for $ty {
            type Create = $create;
        }
        impl Updatable for $ty {
            type Update = $update;
        }
        impl Deletable for $ty {}

        #[doc = concat!("The body creating a ", $display, ".")]
        #[serde_with::skip_serializing_none]
        #[derive(Debug, Clone, Default, Serialize)]
        pub struct $create {
            $($(#[$fdoc])* pub $field: Option<$fty>,)*
            /// Any other attribute.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        #[doc = concat!("The body changing a ", $display, ".")]
        #[serde_with::skip_serializing_none]
        #[derive(Debug, Clone, Default, Serialize)]
        pub struct $update {
            $($(#[$fdoc])* pub $field: Option<$fty>,)*
            /// Any other attribute.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }
    };
}

qos_rule!(
    /// A bandwidth limit: at most `max_kbps`, bursts of `max_burst_kbps`.
    BandwidthLimitRule, CreateBandwidthLimitRule, UpdateBandwidthLimitRule,
    "bandwidth_limit_rules", "bandwidth_limit_rule", "bandwidth_limit_rules", "BandwidthLimitRule", {
    /// Maximum rate (kbps).
    max_kbps: i64,
    /// Maximum burst (kilobits).
    max_burst_kbps: i64,
    /// `egress` (default) or `ingress`.
    direction: String,
});

qos_rule!(
    /// DSCP marking: the outgoing packets get `dscp_mark`.
    DscpMarkingRule, CreateDscpMarkingRule, UpdateDscpMarkingRule,
    "dscp_marking_rules", "dscp_marking_rule", "dscp_marking_rules", "DscpMarkingRule", {
    /// The DSCP mark (0-56, even).
    dscp_mark: i64,
});

qos_rule!(
    /// A minimum bandwidth guarantee.
    MinimumBandwidthRule, CreateMinimumBandwidthRule, UpdateMinimumBandwidthRule,
    "minimum_bandwidth_rules", "minimum_bandwidth_rule", "minimum_bandwidth_rules", "MinimumBandwidthRule", {
    /// Minimum rate (kbps).
    min_kbps: i64,
    /// `egress` (default) or `ingress`.
    direction: String,
});

qos_rule!(
    /// A minimum packet rate guarantee.
    MinimumPacketRateRule, CreateMinimumPacketRateRule, UpdateMinimumPacketRateRule,
    "minimum_packet_rate_rules", "minimum_packet_rate_rule", "minimum_packet_rate_rules", "MinimumPacketRateRule", {
    /// Minimum rate (kpps).
    min_kpps: i64,
    /// `egress` (default), `ingress` or `any`.
    direction: String,
});

qos_rule!(
    /// A packet rate limit.
    PacketRateLimitRule, CreatePacketRateLimitRule, UpdatePacketRateLimitRule,
    "packet_rate_limit_rules", "packet_rate_limit_rule", "packet_rate_limit_rules", "PacketRateLimitRule", {
    /// Maximum rate (kpps).
    max_kpps: i64,
    /// Maximum burst (kilo-packets).
    max_burst_kpps: i64,
    /// `egress` (default) or `ingress`.
    direction: String,
});
