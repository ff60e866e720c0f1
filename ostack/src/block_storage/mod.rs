//! Block storage (cinder): volumes, snapshots, backups, types and the rest of the v3 API.
//!
//! See [`v3`] and [`Connection::block_storage`](crate::Connection::block_storage).

pub mod v3;
