//! Image (glance). See [`v2`].

pub mod v2;
