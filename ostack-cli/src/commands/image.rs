//! `image list|show|create|delete|save|set`.

use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, list_column, size_text, to_map};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use bytes::Bytes;
use clap::{Args, Subcommand};
use futures::{StreamExt, TryStreamExt};
use ostack::image::v2::{CreateImage, Image, ImageQuery, ImageUpdate};
use serde_json::{Map, Value};
use std::io::IsTerminal;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// Image commands.
#[derive(Subcommand)]
pub enum ImageCommand {
    /// List images.
    List(ListArgs),
    /// Show an image.
    Show {
        /// Image name or id.
        image: String,
        /// Sizes as 1.5G instead of bytes.
        #[arg(long = "human-readable")]
        human_readable: bool,
    },
    /// Create an image and upload its data.
    Create(CreateArgs),
    /// Delete images.
    Delete {
        /// Image names or ids.
        #[arg(required = true)]
        images: Vec<String>,
    },
    /// Download an image's data.
    Save {
        /// Image name or id.
        image: String,
        /// File to write (stdout by default).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Change an image.
    Set(SetArgs),
}

/// `image list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    #[command(flatten)]
    visibility: Visibility,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By status.
    #[arg(long)]
    status: Option<String>,
    /// By tag.
    #[arg(long)]
    tag: Option<String>,
    /// Page size; only one page is fetched.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this image id.
    #[arg(long)]
    marker: Option<String>,
}

/// Attributes shared by create and set.
#[derive(Args)]
pub struct ImageAttributes {
    /// Minimum disk in GiB.
    #[arg(long = "min-disk")]
    min_disk: Option<u64>,
    /// Minimum RAM in MiB.
    #[arg(long = "min-ram")]
    min_ram: Option<u64>,
    /// Protect from deletion.
    #[arg(long)]
    protected: bool,
    /// Allow deletion.
    #[arg(long)]
    unprotected: bool,
    #[command(flatten)]
    visibility: Visibility,
    /// Property `key=value` (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Tag (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
}

impl ImageAttributes {
    fn protected(&self) -> Option<bool> {
        super::flag(self.protected, self.unprotected)
    }
}

/// `--public`, `--private`, `--shared`, `--community`.
#[derive(Args)]
pub struct Visibility {
    /// Public.
    #[arg(long)]
    public: bool,
    /// Private.
    #[arg(long)]
    private: bool,
    /// Shared.
    #[arg(long)]
    shared: bool,
    /// Community.
    #[arg(long)]
    community: bool,
}

impl Visibility {
    /// The chosen visibility, if any.
    fn value(&self) -> Option<&'static str> {
        [(self.public, "public"), (self.private, "private"), (self.shared, "shared"), (self.community, "community")]
            .into_iter()
            .find(|(on, _)| *on)
            .map(|(_, v)| v)
    }
}

/// `image create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// File with the image data.
    #[arg(long)]
    file: Option<PathBuf>,
    /// Disk format.
    #[arg(long = "disk-format", default_value = "raw")]
    disk_format: String,
    /// Container format.
    #[arg(long = "container-format", default_value = "bare")]
    container_format: String,
    /// Image id.
    #[arg(long)]
    id: Option<String>,
    #[command(flatten)]
    attributes: ImageAttributes,
}

/// `image set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Image name or id.
    image: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    attributes: ImageAttributes,
}

/// python-openstackclient's image columns (`openstackclient/image/v2/image.py`). `image show`
/// (osc's `_format_image`) prints the top-level attributes the image has, its tags, and every
/// other key under `properties`.
const IMAGE: Noun = Noun {
    what: "image",
    plural: "images",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Disk Format", "disk_format", plain).long_only(),
        Column::new("Container Format", "container_format", plain).long_only(),
        Column::new("Size", "size", plain).long_only(),
        Column::new("Checksum", "checksum", plain).long_only(),
        Column::new("Status", "status", plain),
    ],
    long: &[
        Column::new("Visibility", "visibility", plain),
        Column::new("Protected", "protected", plain),
        Column::new("Project", "owner", plain),
        Column::new("Hash Algorithm", "os_hash_algo", plain),
        Column::new("Hash Value", "os_hash_value", plain),
        Column::new("Tags", "tags", list_column),
    ],
    show: &[
        Field::plain("checksum").only_if_set(),
        Field::plain("container_format").only_if_set(),
        Field::plain("created_at").only_if_set(),
        Field::plain("disk_format").only_if_set(),
        Field::plain("file").only_if_set(),
        Field::plain("id").only_if_set(),
        Field::plain("min_disk").only_if_set(),
        Field::plain("min_ram").only_if_set(),
        Field::plain("name").only_if_set(),
        Field::plain("owner").only_if_set(),
        Field::computed("properties", properties, dict_column).only_if_set(),
        Field::plain("protected").only_if_set(),
        Field::plain("schema").only_if_set(),
        Field::plain("size").only_if_set(),
        Field::plain("status").only_if_set(),
        Field::new("tags", "tags", list_column),
        Field::plain("updated_at").only_if_set(),
        Field::plain("virtual_size").only_if_set(),
        Field::plain("visibility").only_if_set(),
    ],
    hidden: &[],
};

/// The non-null keys that are not top-level fields of `image show`, in openstacksdk's order:
/// its own attributes first, then the custom properties, then `stores`; null when none.
fn properties(raw: &Map<String, Value>) -> Value {
    let top_level: Vec<&str> = IMAGE.show.iter().map(|f| f.key).chain(["self"]).collect();
    let mut others: Map<String, Value> = raw
        .iter()
        .filter(|(k, v)| !v.is_null() && !top_level.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut ordered = Map::new();
    for key in ["os_hidden", "os_hash_algo", "os_hash_value"] {
        if let Some(v) = others.shift_remove(key) {
            ordered.insert(key.to_string(), v);
        }
    }
    let stores = others.shift_remove("stores");
    ordered.extend(others);
    if let Some(stores) = stores {
        ordered.insert("stores".into(), stores);
    }
    if ordered.is_empty() {
        Value::Null
    } else {
        Value::Object(ordered)
    }
}

/// `image show`, with `--human-readable` sizes or in bytes.
fn show(image: &Image, human_readable: bool) -> Output {
    let mut raw = to_map(image);
    if let Some(size) = raw.get("size").and_then(Value::as_u64).filter(|_| human_readable) {
        raw.insert("size".into(), size_text(size).into());
    }
    IMAGE.fixed_fields(raw, true).sorted()
}

fn progress_bar(total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(bar)
}

impl ImageCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let images = ctx.conn.image();
        match self {
            ImageCommand::List(args) => {
                let visibility = args.visibility.value().map(str::to_string);
                let query = ImageQuery {
                    name: args.name,
                    status: args.status,
                    tag: args.tag,
                    visibility,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                };
                let pager = images.images().list(&query);
                let mut list: Vec<Image> = match args.limit {
                    Some(_) => pager.into_pages().try_next().await?.unwrap_or_default(),
                    None => pager.try_collect().await?,
                };
                list.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(IMAGE.list(&list, args.long))
            }
            ImageCommand::Show { image, human_readable } => {
                Ok(show(&images.images().find(&image).await?, human_readable))
            }
            ImageCommand::Create(args) => {
                let mut body = CreateImage::new(&args.name, &args.disk_format, &args.container_format);
                body.id = args.id;
                body.visibility = args.attributes.visibility.value().map(str::to_string);
                body.protected = args.attributes.protected();
                body.min_disk = args.attributes.min_disk;
                body.min_ram = args.attributes.min_ram;
                body.tags = args.attributes.tags.clone();
                // what python-openstackclient records about the upload
                body.properties.insert("owner_specified.openstack.md5".into(), Value::from(""));
                body.properties.insert("owner_specified.openstack.sha256".into(), Value::from(""));
                body.properties
                    .insert("owner_specified.openstack.object".into(), Value::from(format!("images/{}", args.name)));
                for (k, v) in &args.attributes.properties {
                    body.properties.insert(k.clone(), Value::from(v.clone()));
                }
                let image = images.images().create(&body).await?;
                if let Some(path) = &args.file {
                    let file = tokio::fs::File::open(path)
                        .await
                        .map_err(|e| CliError::Message(format!("Error: Cannot read {}: {e}", path.display())))?;
                    let size = file.metadata().await.ok().map(|m| m.len());
                    let bar = progress_bar(size);
                    let progress = bar.clone();
                    let stream = futures::stream::unfold(file, |mut file| async move {
                        let mut buf = vec![0u8; 256 * 1024];
                        match tokio::io::AsyncReadExt::read(&mut file, &mut buf).await {
                            Ok(0) => None,
                            Ok(n) => {
                                buf.truncate(n);
                                Some((Ok::<Bytes, std::io::Error>(Bytes::from(buf)), file))
                            }
                            Err(e) => Some((Err(e), file)),
                        }
                    })
                    .inspect(move |chunk| {
                        if let (Some(bar), Ok(chunk)) = (&progress, chunk) {
                            bar.inc(chunk.len() as u64);
                        }
                    });
                    images.images().upload(&image.id, stream).await?;
                    if let Some(bar) = bar {
                        bar.finish_and_clear();
                    }
                }
                Ok(show(&images.images().get(&image.id).await?, false))
            }
            ImageCommand::Delete { images: names } => IMAGE.delete(&images.images(), &names).await,
            ImageCommand::Save { image, file } => {
                let found = images.images().find(&image).await?;
                let bar = if file.is_some() { progress_bar(found.size) } else { None };
                let mut stream = std::pin::pin!(images.images().download(&found.id).await?);
                let mut out: Box<dyn tokio::io::AsyncWrite + Unpin> = match &file {
                    Some(path) => Box::new(
                        tokio::fs::File::create(path)
                            .await
                            .map_err(|e| CliError::Message(format!("Cannot write {}: {e}", path.display())))?,
                    ),
                    None => Box::new(tokio::io::stdout()),
                };
                while let Some(chunk) = stream.next().await {
                    let chunk = chunk?;
                    out.write_all(&chunk).await.map_err(|e| CliError::Message(e.to_string()))?;
                    if let Some(bar) = &bar {
                        bar.inc(chunk.len() as u64);
                    }
                }
                out.flush().await.map_err(|e| CliError::Message(e.to_string()))?;
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
                Ok(Output::Nothing)
            }
            ImageCommand::Set(args) => {
                let found = images.images().find(&args.image).await?;
                let a = &args.attributes;
                let mut update = ImageUpdate::new();
                if let Some(name) = args.name {
                    update = update.set("name", name);
                }
                if let Some(v) = a.visibility.value() {
                    update = update.set("visibility", v);
                }
                if let Some(p) = a.protected() {
                    update = update.set("protected", p);
                }
                if let Some(d) = a.min_disk {
                    update = update.set("min_disk", d);
                }
                if let Some(r) = a.min_ram {
                    update = update.set("min_ram", r);
                }
                if !a.tags.is_empty() {
                    let mut tags = found.tags.clone();
                    tags.extend(a.tags.iter().cloned());
                    update = update.set("tags", tags);
                }
                for (k, v) in &a.properties {
                    update = update.set(k, v.clone());
                }
                if !update.ops.is_empty() {
                    images.images().update(&found.id, &update).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn properties_keep_glance_order_between_sdk_attributes_and_stores() {
        // as the SDK re-serializes an image: typed attributes, then glance's other keys in order
        let raw = json!({
            "id": "i", "os_hidden": false, "os_hash_algo": "sha512", "os_hash_value": "h", "self": "/v2/images/i",
            "tags": [], "size": null, "stores": "fs", "b.md5": "", "a.sha": "", "k": "v", "z": null
        });
        let Value::Object(raw) = raw else { unreachable!() };
        let keys: Vec<String> = properties(&raw).as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["os_hidden", "os_hash_algo", "os_hash_value", "b.md5", "a.sha", "k", "stores"]);
        let bare = json!({"id": "i", "name": "n", "tags": []});
        assert_eq!(properties(bare.as_object().unwrap()), Value::Null);
    }
}
