//! Image (glance) API v2: images and their data streamed both ways (verified against glance's
//! hashes), interoperable import, members, tags, tasks, schemas, metadata definitions, store and
//! import info, and the image cache.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::image::v2::{CreateImage, CreateImageFromFile, ImageUpdate, ImportRequest};
//! use std::time::Duration;
//! let images = conn.image().images();
//! let image = images.create(&CreateImage::new("disk", "raw", "bare")).await?;
//! images.upload_bytes(&image.id, vec![0u8; 1024]).await?;
//! images.update(&image.id, &ImageUpdate::new().set("os_distro", "cirros")).await?;
//! let mut file = tokio::fs::File::create("/tmp/disk.raw").await?; // verified as it streams
//! images.download_to(&image.id, &mut file).await?;
//!
//! // glance fetches a URL itself, then copies the image to a second store
//! let web = images.create(&CreateImage::new("web", "raw", "bare")).await?;
//! images.import(&web.id, &ImportRequest::web_download("https://example.com/disk.img")).await?;
//! images.wait_for_import(&web.id, Duration::from_secs(300)).await?;
//! images.import(&web.id, &ImportRequest::copy_image(["second"])).await?;
//!
//! // upload or import, whichever the cloud offers, then wait and check the hashes
//! let spec = CreateImageFromFile::new(CreateImage::new("from-file", "qcow2", "bare"), "/tmp/disk.qcow2");
//! conn.image().create_image_from_file(&spec).await?;
//!
//! // share with another project, which accepts it with its own connection
//! conn.image().members(&image.id).add("other-project-id").await?;
//! # Ok(()) }
//! ```

mod cache;
mod create;
mod data;
mod image;
mod import;
mod info;
mod member;
mod metadef_namespace;
mod metadef_object;
mod metadef_property;
mod metadef_resource_type;
mod metadef_tag;
mod proxy;
mod request;
mod schema;
mod task;

pub use cache::{Cache, CacheClearTarget, CacheState, CachedImage};
pub use create::{CreateImageFromFile, UploadMethod};
pub use data::hash_hex;
pub use image::{CreateImage, Image, ImageQuery, ImageStatus, ImageUpdate, PatchOp};
pub use import::{ImportMethod, ImportRequest};
pub use info::{ImportInfo, ImportMethods, Info, Store, StoresInfo, Usage, UsageItem};
pub use member::{Member, MemberList, MemberStatus, Members};
pub use metadef_namespace::{CreateMetadefNamespace, MetadefNamespace, MetadefNamespaceQuery, UpdateMetadefNamespace};
pub use metadef_object::{MetadefObject, MetadefObjectBody, MetadefObjects};
pub use metadef_property::{MetadefProperties, MetadefProperty};
pub use metadef_resource_type::{MetadefResourceTypes, ResourceType, ResourceTypeAssociation};
pub use metadef_tag::{MetadefTag, MetadefTags};
pub use proxy::ImageProxy;
pub use schema::{Schema, Schemas};
pub use task::{Task, TaskQuery};
