//! Image (glance) API v2: images, their data streamed both ways, JSON-patch updates.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::image::v2::{CreateImage, ImageUpdate};
//! let images = conn.image().images();
//! let image = images.create(&CreateImage::new("disk", "raw", "bare")).await?;
//! images.upload_bytes(&image.id, vec![0u8; 1024]).await?;
//! images.update(&image.id, &ImageUpdate::new().set("os_distro", "cirros")).await?;
//! let mut file = tokio::fs::File::create("/tmp/disk.raw").await?;
//! images.download_to(&image.id, &mut file).await?;
//! # Ok(()) }
//! ```

mod image;
mod proxy;

pub use image::{CreateImage, Image, ImageQuery, ImageStatus, ImageUpdate, PatchOp};
pub use proxy::ImageProxy;
