//! Identity (keystone). See [`v3`].

pub mod v3;
