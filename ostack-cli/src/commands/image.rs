//! `image list|show|create|delete|save|set`.

use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, list_column, size_text, to_map};
use crate::output::{Cell, Output};
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

/// Top-level fields of `image show`; every other non-null key goes under `properties`.
const SHOWN: [&str; 17] = [
    "status",
    "name",
    "container_format",
    "created_at",
    "size",
    "disk_format",
    "updated_at",
    "visibility",
    "min_disk",
    "protected",
    "id",
    "file",
    "checksum",
    "owner",
    "virtual_size",
    "min_ram",
    "schema",
];

fn show(image: &Image, human_readable: bool) -> Output {
    let raw = to_map(image);
    let mut fields: Vec<(String, Cell)> = Vec::new();
    let mut properties = Map::new();
    for (key, value) in raw {
        if value.is_null() || key == "self" {
            continue;
        }
        if key == "tags" {
            continue;
        }
        if SHOWN.contains(&key.as_str()) {
            let cell = match (key.as_str(), human_readable, value.as_u64()) {
                ("size", true, Some(n)) => Cell::from(size_text(n)),
                _ => Cell::from(value),
            };
            fields.push((key, cell));
        } else {
            properties.insert(key, value);
        }
    }
    // openstacksdk puts its own attributes first, then the custom properties, then `stores`
    let mut ordered = Map::new();
    for key in ["os_hidden", "os_hash_algo", "os_hash_value"] {
        if let Some(v) = properties.remove(key) {
            ordered.insert(key.to_string(), v);
        }
    }
    let stores = properties.remove("stores");
    ordered.extend(properties);
    if let Some(stores) = stores {
        ordered.insert("stores".into(), stores);
    }
    fields.push(("tags".into(), list_column(Value::Array(image.tags.iter().cloned().map(Value::String).collect()))));
    if !ordered.is_empty() {
        fields.push(("properties".into(), dict_column(Value::Object(ordered))));
    }
    Output::show_sorted(fields)
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
                let rows = list
                    .iter()
                    .map(|i| {
                        let status: Cell = i.status.as_ref().map(|s| s.to_string()).into();
                        if !args.long {
                            return vec![i.id.clone().into(), i.name.clone().into(), status];
                        }
                        vec![
                            i.id.clone().into(),
                            i.name.clone().into(),
                            i.disk_format.clone().into(),
                            i.container_format.clone().into(),
                            i.size.into(),
                            i.checksum.clone().into(),
                            status,
                            i.visibility.clone().into(),
                            i.protected.into(),
                            i.owner.clone().into(),
                            i.os_hash_algo.clone().into(),
                            i.os_hash_value.clone().into(),
                            list_column(Value::Array(i.tags.iter().cloned().map(Value::String).collect())),
                        ]
                    })
                    .collect();
                let columns: &[&str] = if args.long {
                    &[
                        "ID",
                        "Name",
                        "Disk Format",
                        "Container Format",
                        "Size",
                        "Checksum",
                        "Status",
                        "Visibility",
                        "Protected",
                        "Project",
                        "Hash Algorithm",
                        "Hash Value",
                        "Tags",
                    ]
                } else {
                    &["ID", "Name", "Status"]
                };
                Ok(Output::list(columns, rows))
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
            ImageCommand::Delete { images: names } => {
                super::delete_each(&names, "image with name or ID", "images", |name| {
                    let images = images.clone();
                    async move {
                        let found = images.images().find(&name).await?;
                        Ok(images.images().delete(&found.id).await?)
                    }
                })
                .await
            }
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
