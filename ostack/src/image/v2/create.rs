//! `create_image_from_file`: create an image and send a local file's data the way the cloud
//! offers, like openstacksdk's `create_image`: a direct upload by default, the interoperable
//! `glance-direct` import when stores are chosen, asked for, or when the cloud refuses direct
//! uploads. The file is hashed as it streams (md5 and sha512) and checked against what glance
//! recorded once the image is active.

use super::data::{file_stream, open_file, Hasher};
use super::import::ImportRequest;
use super::{request, CreateImage, Image, ImageStatus};
use crate::api::Api;
use crate::{Connection, Error, Result};
use reqwest::Method;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How [`create_image_from_file`](super::ImageProxy::create_image_from_file) sends the data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UploadMethod {
    /// A direct upload, unless stores are chosen or the cloud refuses direct uploads (403/405):
    /// then a `glance-direct` import, if the cloud offers it.
    #[default]
    Auto,
    /// A direct upload (`PUT /v2/images/{id}/file`).
    Upload,
    /// Stage, then import with `glance-direct`.
    GlanceDirect,
}

/// What [`create_image_from_file`](super::ImageProxy::create_image_from_file) does.
#[derive(Debug, Clone)]
pub struct CreateImageFromFile {
    /// The image's attributes.
    pub image: CreateImage,
    /// The file whose data it gets.
    pub path: PathBuf,
    /// Upload or import.
    pub method: UploadMethod,
    /// The stores to import to (`stores`, `all_stores`, `all_stores_must_succeed`; its method is
    /// ignored): choosing any needs an import.
    pub import: ImportRequest,
    /// Wait this long for the image to become active (and its hashes to be checked); `None`
    /// returns as soon as the data is sent (an import may still be running).
    pub wait: Option<Duration>,
}

impl CreateImageFromFile {
    /// Create `image` with the data of `path`, as the cloud offers, waiting up to an hour.
    pub fn new(image: CreateImage, path: impl Into<PathBuf>) -> Self {
        CreateImageFromFile {
            image,
            path: path.into(),
            method: UploadMethod::Auto,
            import: ImportRequest::glance_direct(),
            wait: Some(Duration::from_secs(3600)),
        }
    }
}

/// What a create answer says the cloud offers (`OpenStack-image-import-methods`,
/// `OpenStack-image-store-ids`).
struct Offered {
    import_methods: Vec<String>,
}

fn header_list(headers: &reqwest::header::HeaderMap, name: &str) -> Vec<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

/// The file's md5 and sha512, computed while it streams.
type Hashes = Arc<Mutex<Vec<Hasher>>>;

fn new_hashes() -> Hashes {
    Arc::new(Mutex::new(vec![Hasher::new("md5").expect("md5"), Hasher::new("sha512").expect("sha512")]))
}

pub(crate) async fn create_image_from_file(conn: &Connection, spec: &CreateImageFromFile) -> Result<Image> {
    let import_wanted = spec.import.chooses_stores();
    if spec.method == UploadMethod::Upload && import_wanted {
        return Err(Error::InvalidInput("choosing stores needs an import; a direct upload cannot choose them".into()));
    }
    // fail on an unreadable file before anything is created
    let (_, size) = open_file(&spec.path).await?;
    let request = request::request(conn, Method::POST, "images").await?.json(&spec.image)?;
    let fetched = conn.fetch(request).await?;
    let image: Image = request::decode(&fetched, "Image")?;
    let offered = Offered { import_methods: header_list(&fetched.headers, "openstack-image-import-methods") };
    let images = Api::<Image>::new(conn.clone());
    match send_data(&images, &image, spec, &offered, import_wanted, size).await {
        Ok(done) => Ok(done),
        Err(e) => {
            tracing::debug!(image = %image.id, error = %e, "creating the image failed; deleting it");
            if let Err(cleanup) = images.delete(&image.id).await {
                if !cleanup.is_not_found() {
                    tracing::warn!(image = %image.id, error = %cleanup, "could not delete the failed image");
                }
            }
            Err(e)
        }
    }
}

async fn send_data(
    images: &Api<Image>,
    image: &Image,
    spec: &CreateImageFromFile,
    offered: &Offered,
    import_wanted: bool,
    size: u64,
) -> Result<Image> {
    let direct_offered = offered.import_methods.iter().any(|m| m == "glance-direct");
    let need_direct = || -> Result<()> {
        if direct_offered {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!(
                "importing image {} with glance-direct was asked for, but the cloud offers only [{}]",
                image.id,
                offered.import_methods.join(", ")
            )))
        }
    };
    let use_import = match spec.method {
        UploadMethod::GlanceDirect => true,
        UploadMethod::Upload => false,
        UploadMethod::Auto => import_wanted,
    };
    let mut hashes = new_hashes();
    let imported = if use_import {
        need_direct()?;
        stage_and_import(images, image, spec, &hashes).await?;
        true
    } else {
        let (file, size) = open_file(&spec.path).await?;
        match images.upload_sized(&image.id, file_stream(file, Some(hashes.clone())), Some(size)).await {
            Ok(()) => false,
            Err(e) if spec.method == UploadMethod::Auto && matches!(e.status(), Some(403 | 405)) && direct_offered => {
                tracing::info!(image = %image.id, error = %e, "direct upload refused; importing with glance-direct");
                hashes = new_hashes();
                stage_and_import(images, image, spec, &hashes).await?;
                true
            }
            Err(e) => return Err(e),
        }
    };
    let current = match spec.wait {
        Some(timeout) if imported => match &spec.import.stores {
            Some(stores) => images.wait_for_stores(&image.id, stores, timeout).await?,
            None => images.wait_for_import(&image.id, timeout).await?,
        },
        Some(timeout) => images.wait_until(&image.id, "active", timeout).await?,
        None => images.get(&image.id).await?,
    };
    // an import may convert the data (glance's image_conversion plugin): its hashes are then
    // those of other bytes, and its size tells
    let converted = imported && current.size.is_some_and(|s| s != size);
    if current.status == Some(ImageStatus::Active) && !converted {
        verify_upload(&current, &spec.path, &hashes)?;
    }
    Ok(current)
}

async fn stage_and_import(
    images: &Api<Image>,
    image: &Image,
    spec: &CreateImageFromFile,
    hashes: &Hashes,
) -> Result<()> {
    let (file, size) = open_file(&spec.path).await?;
    images.stage(&image.id, file_stream(file, Some(hashes.clone())), Some(size)).await?;
    let import = ImportRequest { method: super::ImportMethod::GlanceDirect, ..spec.import.clone() };
    images.import(&image.id, &import).await
}

/// The image's recorded hashes against the file's.
fn verify_upload(image: &Image, path: &std::path::Path, hashes: &Hashes) -> Result<()> {
    let computed: Vec<Hasher> = hashes.lock().map(|h| h.clone()).unwrap_or_default();
    let mut computed = computed.into_iter();
    let (Some(md5), Some(sha512)) = (computed.next(), computed.next()) else { return Ok(()) };
    let what = || format!("image {} upload of {}", image.id, path.display());
    if let Some(expected) = image.checksum.as_deref().filter(|c| !c.is_empty()) {
        let actual = md5.hex();
        if !expected.eq_ignore_ascii_case(&actual) {
            return Err(Error::HashMismatch { what: what(), algo: "md5".into(), expected: expected.into(), actual });
        }
    }
    if let (Some("sha512"), Some(expected)) = (image.os_hash_algo.as_deref(), image.os_hash_value.as_deref()) {
        let actual = sha512.hex();
        if !expected.eq_ignore_ascii_case(&actual) {
            return Err(Error::HashMismatch { what: what(), algo: "sha512".into(), expected: expected.into(), actual });
        }
    }
    Ok(())
}
