//! Placement: resource providers, their inventories, traits and aggregates, and the allocations
//! consumers hold against them. See [`v1`].

pub mod v1;
