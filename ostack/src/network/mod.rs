//! Network (neutron). See [`v2`].

pub mod v2;
