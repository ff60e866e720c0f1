//! Object store (swift). See [`v1`].

pub mod v1;
