//! # ostack — the OpenStack SDK for Rust
//!
//! Three layers, as in openstacksdk:
//!
//! * [`Connection`] — the single entry point: config, Keystone auth, session, catalog;
//! * proxies — `conn.compute()`, `conn.network()`, `conn.image()`: typed methods for every
//!   resource and action of a service;
//! * resources — [`compute::v2::Server`], [`network::v2::Port`], [`image::v2::Image`]...: one
//!   declarative file each (see [`Resource`]).
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use ostack::Connection;
//!
//! #[tokio::main]
//! async fn main() -> ostack::Result<()> {
//!     let conn = Connection::from_env().await?; // OS_CLOUD / clouds.yaml / OS_* vars, like openstacksdk
//!     let mut servers = conn.compute().servers().list(&Default::default()); // GET /servers/detail, lazily paged
//!     while let Some(server) = servers.try_next().await? {
//!         println!("{} {} {:?}", server.id, server.name, server.status);
//!     }
//!     Ok(())
//! }
//! ```

pub mod api;
pub mod auth;
pub mod block_storage;
pub mod blocking;
pub mod catalog;
pub mod compute;
pub mod config;
pub mod connection;
pub mod discovery;
pub mod error;
pub mod headers;
pub mod identity;
pub mod image;
#[macro_use]
pub mod lenient;
pub mod network;
pub mod object_store;
pub mod placement;
pub mod resource;
pub mod services;
pub mod session;

pub use api::{Api, Creatable, Deletable, Updatable};
pub use auth::Token;
pub use catalog::{Catalog, ServiceType};
pub use config::CloudConfig;
pub use connection::Connection;
pub use discovery::{Endpoint, Microversion};
pub use error::{Error, Result};
pub use resource::{Pager, Pagination, Resource, UpdateMethod};
