//! Compute (nova). See [`v2`].

pub mod v2;
