//! Image: a disk image (`/v2/images`).

use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::AsName;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

crate::string_enum! {
    /// An image's `status`.
    pub enum ImageStatus {
        /// Created, no data yet.
        Queued = "queued",
        /// Data being uploaded.
        Saving = "saving",
        /// Usable.
        Active = "active",
        /// Upload failed.
        Killed = "killed",
        /// Deleted.
        Deleted = "deleted",
        /// Deletion pending.
        PendingDelete = "pending_delete",
        /// Deactivated by an admin.
        Deactivated = "deactivated",
        /// Data staged for import.
        Uploading = "uploading",
        /// Being imported.
        Importing = "importing",
    }
}

/// A glance image. Custom properties are in `extra`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Image {
    /// Image id.
    pub id: String,
    /// Name (may be absent).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Status.
    #[serde(default)]
    pub status: Option<ImageStatus>,
    /// `public`, `private`, `shared` or `community`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Protected from deletion.
    #[serde(default)]
    pub protected: Option<bool>,
    /// Hidden from default lists.
    #[serde(default)]
    pub os_hidden: Option<bool>,
    /// `raw`, `qcow2`, `iso`...
    #[serde(default)]
    pub disk_format: Option<String>,
    /// `bare`, `ovf`...
    #[serde(default)]
    pub container_format: Option<String>,
    /// Size of the data in bytes.
    #[serde(default)]
    pub size: Option<u64>,
    /// Virtual disk size in bytes.
    #[serde(default)]
    pub virtual_size: Option<u64>,
    /// MD5 of the data.
    #[serde(default)]
    pub checksum: Option<String>,
    /// Hash algorithm of `os_hash_value`.
    #[serde(default)]
    pub os_hash_algo: Option<String>,
    /// Multihash of the data.
    #[serde(default)]
    pub os_hash_value: Option<String>,
    /// Minimum disk in GiB.
    #[serde(default)]
    pub min_disk: Option<u64>,
    /// Minimum RAM in MiB.
    #[serde(default)]
    pub min_ram: Option<u64>,
    /// Owning project.
    #[serde(default)]
    pub owner: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Path of the data (`/v2/images/{id}/file`).
    #[serde(default)]
    pub file: Option<String>,
    /// Path of this image.
    #[serde(rename = "self", default)]
    pub self_link: Option<String>,
    /// Path of the image schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Custom properties and every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Image {
    service: Image,
    path: "images",
    key: None,
    plural: "images",
    query: ImageQuery,
    pagination: NextKey,
    update_method: JsonPatch,
    name: name,
    status: status,
    name_filter: name,
});

impl AsName for Option<ImageStatus> {
    fn as_name(&self) -> Option<&str> {
        self.as_ref().map(ImageStatus::as_str)
    }
}

impl crate::api::Creatable for Image {
    type Create = CreateImage;
}
impl crate::api::Updatable for Image {
    type Update = ImageUpdate;
}
impl crate::api::Deletable for Image {}

/// Glance filters for listing images.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImageQuery {
    /// Id, or `in:id1,id2` for several.
    pub id: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Visibility (`public`, `private`, `shared`, `community`, `all`).
    pub visibility: Option<String>,
    /// Owner project.
    pub owner: Option<String>,
    /// Having this tag.
    pub tag: Option<String>,
    /// Disk format.
    pub disk_format: Option<String>,
    /// Container format.
    pub container_format: Option<String>,
    /// Protected or not.
    pub protected: Option<bool>,
    /// Hidden images (`true`) or the others (the default list hides hidden ones).
    pub os_hidden: Option<bool>,
    /// Shared images whose membership has this status (`pending`, `accepted`, `rejected`, `all`).
    pub member_status: Option<String>,
    /// Minimum size in bytes.
    pub size_min: Option<u64>,
    /// Maximum size in bytes.
    pub size_max: Option<u64>,
    /// Sort, e.g. `name:asc,created_at:desc`.
    pub sort: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v2/images`. `properties` become custom image properties.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateImage {
    /// Name.
    pub name: Option<String>,
    /// Id to use (generated when absent).
    pub id: Option<String>,
    /// Disk format (`raw`, `qcow2`, ...).
    pub disk_format: Option<String>,
    /// Container format (`bare`, ...).
    pub container_format: Option<String>,
    /// Visibility.
    pub visibility: Option<String>,
    /// Protected from deletion.
    pub protected: Option<bool>,
    /// Minimum disk in GiB.
    pub min_disk: Option<u64>,
    /// Minimum RAM in MiB.
    pub min_ram: Option<u64>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom properties.
    #[serde(flatten)]
    pub properties: Map<String, Value>,
}

impl CreateImage {
    /// An image with a name, disk format and container format.
    pub fn new(name: impl Into<String>, disk_format: impl Into<String>, container_format: impl Into<String>) -> Self {
        CreateImage {
            name: Some(name.into()),
            disk_format: Some(disk_format.into()),
            container_format: Some(container_format.into()),
            ..Default::default()
        }
    }
}

/// One JSON-patch operation of an image update.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchOp {
    /// `add`, `replace` or `remove`.
    pub op: &'static str,
    /// `/name`, `/tags`, `/my_property`...
    pub path: String,
    /// The new value (absent for `remove`).
    pub value: Option<Value>,
}

/// Attributes glance always has: they are changed with `replace`; custom properties with `add`.
const CORE_ATTRIBUTES: &[&str] =
    &["name", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "tags", "disk_format", "container_format"];

/// An image update, sent as a JSON patch (`PATCH /v2/images/{id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ImageUpdate {
    /// The operations, in order.
    pub ops: Vec<PatchOp>,
}

impl ImageUpdate {
    /// An empty update.
    pub fn new() -> Self {
        Self::default()
    }

    /// Set an attribute or custom property.
    pub fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        let op = if CORE_ATTRIBUTES.contains(&key) { "replace" } else { "add" };
        self.ops.push(PatchOp { op, path: format!("/{}", escape_pointer(key)), value: Some(value.into()) });
        self
    }

    /// Remove a custom property.
    pub fn remove(mut self, key: &str) -> Self {
        self.ops.push(PatchOp { op: "remove", path: format!("/{}", escape_pointer(key)), value: None });
        self
    }
}

/// Escape a key for a JSON pointer (`~` -> `~0`, `/` -> `~1`).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl crate::api::Api<Image> {
    fn action_path(&self, id: &str, tail: &str) -> crate::Result<String> {
        Ok(format!("images/{}/{tail}", super::request::segment("image id", id)?))
    }

    fn tag_path(&self, id: &str, tag: &str) -> crate::Result<String> {
        if tag.contains('/') {
            return Err(crate::Error::InvalidInput(format!(
                "image tag '{tag}' contains '/', which glance cannot address in a URL path; change the tags with an update (ImageUpdate::set(\"tags\", ...)) instead"
            )));
        }
        self.action_path(id, &format!("tags/{}", super::request::segment("tag", tag)?))
    }

    /// Add a tag (`PUT /v2/images/{id}/tags/{tag}`); adding one it has is not an error.
    pub async fn add_tag(&self, id: &str, tag: &str) -> crate::Result<()> {
        let path = self.tag_path(id, tag)?;
        super::request::send_empty::<()>(self.connection(), reqwest::Method::PUT, &path, None).await
    }

    /// Remove a tag (`DELETE /v2/images/{id}/tags/{tag}`); 404 when it does not have it.
    pub async fn remove_tag(&self, id: &str, tag: &str) -> crate::Result<()> {
        let path = self.tag_path(id, tag)?;
        super::request::send_empty::<()>(self.connection(), reqwest::Method::DELETE, &path, None).await
    }

    /// Deactivate (`POST /v2/images/{id}/actions/deactivate`, admin): its data can no longer be
    /// downloaded or booted until it is reactivated.
    pub async fn deactivate(&self, id: &str) -> crate::Result<()> {
        let path = self.action_path(id, "actions/deactivate")?;
        super::request::send_empty::<()>(self.connection(), reqwest::Method::POST, &path, None).await
    }

    /// Reactivate a deactivated image (`POST /v2/images/{id}/actions/reactivate`, admin).
    pub async fn reactivate(&self, id: &str) -> crate::Result<()> {
        let path = self.action_path(id, "actions/reactivate")?;
        super::request::send_empty::<()>(self.connection(), reqwest::Method::POST, &path, None).await
    }

    /// The tasks that worked on an image, e.g. its imports (`GET /v2/images/{id}/tasks`,
    /// Image API 2.12+).
    pub async fn tasks_of(&self, id: &str) -> crate::Result<Vec<super::Task>> {
        let path = self.action_path(id, "tasks")?;
        Ok(super::request::get::<super::task::TaskList>(self.connection(), &path, "TaskList").await?.tasks)
    }

    /// Wait until the image reaches `status` (e.g. `active`); fails at once on `killed`.
    pub async fn wait_until(&self, id: &str, status: &str, timeout: std::time::Duration) -> crate::Result<Image> {
        self.wait_for_status(id, &[status], &["killed"], timeout).await
    }

    /// Wait for an import of new data (`glance-direct`, `web-download`) to finish: `active`
    /// with no store left in `os_glance_importing_to_stores` (for `copy-image`, use
    /// [`wait_for_stores`](Self::wait_for_stores)). Fails
    /// at once on `killed`, and when a store shows up in `os_glance_failed_import` and none is
    /// left importing.
    pub async fn wait_for_import(&self, id: &str, timeout: std::time::Duration) -> crate::Result<Image> {
        let started = std::time::Instant::now();
        let mut interval = std::time::Duration::from_millis(250);
        loop {
            let image = self.get(id).await?;
            let importing = store_list(&image, "os_glance_importing_to_stores");
            let failed = store_list(&image, "os_glance_failed_import");
            if image.status == Some(ImageStatus::Killed) {
                return Err(crate::Error::Wait {
                    resource: "Image",
                    id: id.into(),
                    message: "reached status killed".into(),
                });
            }
            if importing.is_empty() && !failed.is_empty() {
                return Err(crate::Error::Wait {
                    resource: "Image",
                    id: id.into(),
                    message: format!("the import failed for stores {}", failed.join(",")),
                });
            }
            if image.status == Some(ImageStatus::Active) && importing.is_empty() {
                return Ok(image);
            }
            if started.elapsed() >= timeout {
                return Err(crate::Error::Wait {
                    resource: "Image",
                    id: id.into(),
                    message: format!(
                        "timed out after {}s (status {}, still importing to [{}])",
                        timeout.as_secs(),
                        image.status.as_ref().map(ImageStatus::as_str).unwrap_or("-"),
                        importing.join(",")
                    ),
                });
            }
            tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
            interval = (interval * 2).min(std::time::Duration::from_secs(2));
        }
    }
}

impl crate::api::Api<Image> {
    /// Wait until the image's data is in every one of `stores` (a `copy-image`, or an import to
    /// chosen stores): fails at once when one of them shows up in `os_glance_failed_import`, or
    /// on `killed`. (`copy-image` leaves the image `active` throughout, and glance marks the
    /// stores it copies to only once its task starts: [`wait_for_import`](Self::wait_for_import)
    /// cannot tell it from done.)
    pub async fn wait_for_stores<S: AsRef<str>>(
        &self,
        id: &str,
        stores: &[S],
        timeout: std::time::Duration,
    ) -> crate::Result<Image> {
        let wanted: Vec<&str> = stores.iter().map(AsRef::as_ref).collect();
        let started = std::time::Instant::now();
        let mut interval = std::time::Duration::from_millis(250);
        loop {
            let image = self.get(id).await?;
            let have = image.stores();
            let failed = store_list(&image, "os_glance_failed_import");
            let wait_error = |message: String| crate::Error::Wait { resource: "Image", id: id.into(), message };
            if image.status == Some(ImageStatus::Killed) {
                return Err(wait_error("reached status killed".into()));
            }
            if let Some(store) = wanted.iter().find(|w| failed.iter().any(|f| f == *w)) {
                return Err(wait_error(format!("the import to store {store} failed")));
            }
            if image.status == Some(ImageStatus::Active) && wanted.iter().all(|w| have.iter().any(|h| h == w)) {
                return Ok(image);
            }
            if started.elapsed() >= timeout {
                return Err(wait_error(format!(
                    "timed out after {}s waiting for stores [{}] (it is in [{}])",
                    timeout.as_secs(),
                    wanted.join(","),
                    have.join(",")
                )));
            }
            tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
            interval = (interval * 2).min(std::time::Duration::from_secs(2));
        }
    }
}

impl Image {
    /// The stores holding the data (glance's comma-separated `stores` property).
    pub fn stores(&self) -> Vec<String> {
        store_list(self, "stores")
    }
}

/// A comma-separated store list property of an image (`stores`, `os_glance_importing_to_stores`...).
fn store_list(image: &Image, key: &str) -> Vec<String> {
    match image.extra.get(key) {
        Some(Value::String(s)) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
        _ => Vec::new(),
    }
}
