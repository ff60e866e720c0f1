//! Image (glance) API v2.

mod image;
mod proxy;

pub use image::{CreateImage, Image, ImageQuery, ImageStatus, ImageUpdate, PatchOp};
pub use proxy::ImageProxy;
