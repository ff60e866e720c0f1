//! `image list|show|create|delete|save|set|unset|stage|import`, sharing (`image add project`,
//! `image remove project`, `image member list|get`) and `image task list|show`; the metadata
//! definitions are in [`super::image_metadef`].

use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, list_column, size_text, to_map};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use bytes::Bytes;
use clap::{Args, Subcommand};
use futures::{StreamExt, TryStreamExt};
use ostack::image::v2::{
    CreateImage, Image, ImageQuery, ImageUpdate, ImportMethod, ImportRequest, Member, MemberStatus, Task, TaskQuery,
};
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
    /// Unset image tags and properties.
    Unset {
        /// Image name or id.
        image: String,
        /// Tag to remove (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Property key to remove (repeatable).
        #[arg(long = "property")]
        properties: Vec<String>,
    },
    /// Upload data for an image to staging (interoperable import).
    Stage {
        /// Image name or id.
        image: String,
        /// Local file with the data.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Size of the data in bytes.
        #[arg(long)]
        size: Option<u64>,
        /// Show a progress bar.
        #[arg(long)]
        progress: bool,
    },
    /// Initiate the image import process.
    Import(ImportArgs),
    /// Associate a project with an image (`image add project`).
    #[command(subcommand)]
    Add(AddCommand),
    /// Disassociate a project from an image (`image remove project`).
    #[command(subcommand)]
    Remove(RemoveCommand),
    /// The projects an image is shared with (`image member list|get`).
    #[command(subcommand)]
    Member(MemberCommand),
    /// Glance tasks (`image task list|show`).
    #[command(subcommand)]
    Task(TaskCommand),
    /// Metadata definitions (`image metadef namespace ...`).
    #[command(subcommand)]
    Metadef(super::image_metadef::MetadefCommand),
    /// Glance's backend stores (`image stores list`).
    #[command(subcommand)]
    Stores(StoresCommand),
}

/// `image stores ...`.
#[derive(Subcommand)]
pub enum StoresCommand {
    /// Get available backends (only valid with multi-backend support).
    List {
        /// Show details of the stores (admin only).
        #[arg(long)]
        detail: bool,
    },
}

/// An image and a project (`image add project`, `image remove project`, `image member get`).
#[derive(Args)]
pub struct ImageProject {
    /// Image name or id.
    image: String,
    /// Project name or id.
    project: String,
    /// Domain the project belongs to (name or id).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
}

/// `image add ...`.
#[derive(Subcommand)]
pub enum AddCommand {
    /// Associate project with image.
    Project(ImageProject),
}

/// `image remove ...`.
#[derive(Subcommand)]
pub enum RemoveCommand {
    /// Disassociate project with image.
    Project(ImageProject),
}

/// `image member ...`.
#[derive(Subcommand)]
pub enum MemberCommand {
    /// List projects associated with image.
    List {
        /// Image name or id.
        image: String,
        /// Domain the project belongs to (name or id).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
    },
    /// Show a particular project associated with image.
    Get(ImageProject),
}

/// `image task ...`.
#[derive(Subcommand)]
pub enum TaskCommand {
    /// List tasks.
    List {
        /// Sort key(s).
        #[arg(long = "sort-key")]
        sort_key: Option<String>,
        /// Sort direction(s).
        #[arg(long = "sort-dir")]
        sort_dir: Option<String>,
        /// Page size.
        #[arg(long)]
        limit: Option<u32>,
        /// Start after this task id.
        #[arg(long)]
        marker: Option<String>,
        /// Task type.
        #[arg(long = "type", value_parser = ["import"])]
        kind: Option<String>,
        /// Task status.
        #[arg(long, value_parser = ["pending", "processing", "success", "failure"])]
        status: Option<String>,
    },
    /// Display task details.
    Show {
        /// Task id.
        task: String,
    },
}

/// `image import` options.
#[derive(Args)]
pub struct ImportArgs {
    /// Image name or id.
    image: String,
    /// Import method.
    #[arg(long, default_value = "glance-direct", value_parser = ["glance-direct", "web-download", "glance-download", "copy-image"])]
    method: String,
    /// URI to download the external image (web-download).
    #[arg(long)]
    uri: Option<String>,
    /// The remote image id (glance-download).
    #[arg(long = "remote-image")]
    remote_image: Option<String>,
    /// The remote glance region (glance-download).
    #[arg(long = "remote-region")]
    remote_region: Option<String>,
    /// The remote glance service interface (glance-download).
    #[arg(long = "remote-service-interface")]
    remote_service_interface: Option<String>,
    /// Backend store(s) to import to.
    #[arg(long = "store", num_args = 0.., conflicts_with = "all_stores")]
    stores: Option<Vec<String>>,
    /// Import to every store.
    #[arg(long = "all-stores")]
    all_stores: bool,
    /// Carry on if a store fails (the default).
    #[arg(long = "allow-failure")]
    allow_failure: bool,
    /// Revert if a store fails.
    #[arg(long = "disallow-failure", conflicts_with = "allow_failure")]
    disallow_failure: bool,
    /// Wait for the import to complete.
    #[arg(long)]
    wait: bool,
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
    /// Every image whatever its visibility.
    #[arg(long, conflicts_with_all = ["public", "private", "shared", "community"])]
    all: bool,
    /// Only images with this property `key=value` (repeatable; filtered here, as osc does).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// By the current project's member status.
    #[arg(long = "member-status", value_parser = ["accepted", "pending", "rejected", "all"])]
    member_status: Option<String>,
    /// By owner (name or ID).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or ID).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Hidden images only.
    #[arg(long)]
    hidden: bool,
    /// Sort by `<key>[:<direction>]`, comma-separated (default `name:asc`).
    #[arg(long, value_name = "key>[:<direction>", default_value = "name:asc")]
    sort: String,
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
    /// File with the image data (without it: stdin, when it is a pipe or a file).
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
    /// Use glance's image import (`glance-direct`: stage, then import) instead of an upload.
    #[arg(long = "import")]
    use_import: bool,
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
    /// Container format.
    #[arg(long = "container-format")]
    container_format: Option<String>,
    /// Disk format.
    #[arg(long = "disk-format")]
    disk_format: Option<String>,
    /// Deactivate the image.
    #[arg(long, conflicts_with = "activate")]
    deactivate: bool,
    /// Activate (reactivate) the image.
    #[arg(long)]
    activate: bool,
    /// Accept the membership of `--project`, or of the current project.
    #[arg(long, group = "membership")]
    accept: bool,
    /// Reject the membership of `--project`, or of the current project.
    #[arg(long, group = "membership")]
    reject: bool,
    /// Reset the membership to pending.
    #[arg(long, group = "membership")]
    pending: bool,
    /// The member project for `--accept|--reject|--pending`, else the new owner (name or id).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or id).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Hide the image.
    #[arg(long, conflicts_with = "unhidden")]
    hidden: bool,
    /// Unhide the image.
    #[arg(long)]
    unhidden: bool,
    #[command(flatten)]
    attributes: ImageAttributes,
}

impl SetArgs {
    fn membership(&self) -> Option<MemberStatus> {
        [
            (self.accept, MemberStatus::Accepted),
            (self.reject, MemberStatus::Rejected),
            (self.pending, MemberStatus::Pending),
        ]
        .into_iter()
        .find(|(on, _)| *on)
        .map(|(_, status)| status)
    }
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
                let visibility = if args.all { Some("all") } else { args.visibility.value() }.map(str::to_string);
                let owner = match &args.project {
                    Some(p) => Some(project_id(ctx, p, args.project_domain.as_deref()).await?),
                    None => None,
                };
                let marker = match &args.marker {
                    Some(m) if !m.is_empty() => Some(images.images().find(m).await?.id),
                    _ => None,
                };
                let query = ImageQuery {
                    name: args.name.filter(|n| !n.is_empty()),
                    status: args.status.filter(|s| !s.is_empty()),
                    tag: args.tag,
                    visibility,
                    owner,
                    member_status: args.member_status,
                    os_hidden: args.hidden.then_some(true),
                    limit: args.limit.filter(|l| *l > 0),
                    marker,
                    ..Default::default()
                };
                let pager = images.images().list(&query);
                let list: Vec<Image> = match args.limit {
                    Some(_) => pager.into_pages().try_next().await?.unwrap_or_default(),
                    None => pager.try_collect().await?,
                };
                let mut raws: Vec<Map<String, Value>> = list.iter().map(to_map).collect();
                raws.retain(|raw| args.properties.iter().all(|(k, v)| has_property(raw, k, v)));
                sort_items(&mut raws, &args.sort)?;
                Ok(IMAGE.list(&raws, args.long))
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
                if let (Some(path), true) = (&args.file, args.use_import) {
                    // openstacksdk's `use_import`: stage the data, then import it with glance-direct
                    images.images().stage_file(&image.id, path).await?;
                    images.images().import(&image.id, &ImportRequest::glance_direct()).await?;
                } else if let Some((file, size)) = image_data(args.file.as_deref()).await? {
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
                let project = match &args.project {
                    Some(p) => Some(project_id(ctx, p, args.project_domain.as_deref()).await?),
                    None => None,
                };
                if args.deactivate {
                    images.images().deactivate(&found.id).await?;
                }
                if args.activate {
                    images.images().reactivate(&found.id).await?;
                }
                if let Some(status) = args.membership() {
                    let member = match &project {
                        Some(p) => p.clone(),
                        None => ctx
                            .conn
                            .token()
                            .await?
                            .and_then(|t| t.project_id.clone())
                            .ok_or_else(|| CliError::Message("missing auth info".into()))?,
                    };
                    images.members(&found.id).set_status(&member, status).await?;
                }
                let a = &args.attributes;
                let mut update = ImageUpdate::new();
                if let Some(name) = args.name.clone() {
                    update = update.set("name", name);
                }
                if let Some(v) = args.container_format.clone() {
                    update = update.set("container_format", v);
                }
                if let Some(v) = args.disk_format.clone() {
                    update = update.set("disk_format", v);
                }
                if let (Some(owner), None) = (&project, args.membership()) {
                    update = update.set("owner", owner.clone());
                }
                if let Some(hidden) = super::flag(args.hidden, args.unhidden) {
                    update = update.set("os_hidden", hidden);
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
                    tags.extend(a.tags.iter().filter(|t| !found.tags.contains(t)).cloned());
                    tags.dedup();
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
            ImageCommand::Unset { image, tags, properties } => unset(ctx, &image, &tags, &properties).await,
            ImageCommand::Stage { image, file, size, progress: _ } => {
                let found = images.images().find(&image).await?;
                let Some(path) = file else {
                    // osc reads the data from stdin when it is not a terminal
                    let mut data = Vec::new();
                    if !std::io::stdin().is_terminal() {
                        std::io::Read::read_to_end(&mut std::io::stdin(), &mut data)
                            .map_err(|e| CliError::Message(format!("cannot read stdin: {e}")))?;
                    } else if size.is_some() {
                        return Err(CliError::Message("--size requires image data via --file or stdin".into()));
                    }
                    images.images().stage_bytes(&found.id, data).await?;
                    return Ok(Output::Nothing);
                };
                if !path.exists() {
                    return Err(CliError::Message(format!("'{}' is not a valid file", path.display())));
                }
                images.images().stage_file(&found.id, &path).await?;
                Ok(Output::Nothing)
            }
            // cliff takes the longest command name: `image import info` is never an import of an
            // image named "info"
            ImageCommand::Import(args) if args.image == "info" => {
                let info = images.info().import().await?;
                let methods = Value::from(info.import_methods.value);
                Ok(Output::Show(vec![("import-methods".into(), list_column(methods))]))
            }
            ImageCommand::Import(args) => import(ctx, args).await,
            ImageCommand::Stores(StoresCommand::List { detail }) => {
                let stores = if detail { images.info().stores_detail().await } else { images.info().stores().await };
                let stores = stores.map_err(|e| match e {
                    ostack::Error::Api { status: 404, .. } => {
                        CliError::Message("Multi Backend support not enabled".into())
                    }
                    other => other.into(),
                })?;
                let mut columns = vec![
                    Column::new("ID", "id", plain),
                    Column::new("Description", "description", plain),
                    Column::computed("Default", store_default, plain),
                ];
                if detail {
                    columns.push(Column::new("Properties", "properties", plain));
                }
                Ok(crate::noun::list_of(&stores, &columns.iter().collect::<Vec<_>>()))
            }
            ImageCommand::Add(AddCommand::Project(p)) => {
                let found = images.images().find(&p.image).await?;
                let project = project_id(ctx, &p.project, p.project_domain.as_deref()).await?;
                Ok(member_show(&images.members(&found.id).add(&project).await?))
            }
            ImageCommand::Remove(RemoveCommand::Project(p)) => {
                let project = project_id(ctx, &p.project, p.project_domain.as_deref()).await?;
                let found = images.images().find(&p.image).await?;
                images.members(&found.id).remove(&project).await?;
                Ok(Output::Nothing)
            }
            ImageCommand::Member(MemberCommand::List { image, project_domain: _ }) => {
                let found = images.images().find(&image).await?;
                Ok(crate::noun::list_of(
                    &images.members(&found.id).list().await?,
                    &MEMBER_COLUMNS.iter().collect::<Vec<_>>(),
                ))
            }
            ImageCommand::Member(MemberCommand::Get(p)) => {
                let found = images.images().find(&p.image).await?;
                Ok(member_show(&images.members(&found.id).get(&p.project).await?))
            }
            ImageCommand::Task(TaskCommand::List { sort_key, sort_dir, limit, marker, kind, status }) => {
                let query = TaskQuery { kind, status, sort_key, sort_dir, limit, marker };
                let tasks: Vec<Task> = images.tasks().list(&query).try_collect().await?;
                Ok(TASK.list(&tasks, false))
            }
            ImageCommand::Task(TaskCommand::Show { task }) => Ok(TASK.show_fixed(&images.tasks().get(&task).await?)),
            ImageCommand::Metadef(command) => command.run(ctx).await,
        }
    }

    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ImageCommand::Show { .. } => Some("image show"),
            ImageCommand::Create(_) => Some("image create"),
            ImageCommand::Import(_) => Some("image import"),
            ImageCommand::Add(_) => Some("image add project"),
            ImageCommand::Member(MemberCommand::Get(_)) => Some("image member get"),
            ImageCommand::Task(TaskCommand::Show { .. }) => Some("image task show"),
            ImageCommand::Metadef(command) => command.show_one_name(),
            _ => None,
        }
    }
}

/// The data `image create` uploads, with its size when known: `--file`, or else stdin when it is
/// not a terminal, as osc's `get_data_from_stdin` takes it. Only a pipe, a socket or a
/// redirected file counts as data: a character device such as `/dev/null` (what a program run
/// without input gets) leaves the image queued, where osc would upload it empty.
async fn image_data(
    file: Option<&std::path::Path>,
) -> Result<Option<(Box<dyn tokio::io::AsyncRead + Unpin + Send>, Option<u64>)>, CliError> {
    if let Some(path) = file {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| CliError::Message(format!("Error: Cannot read {}: {e}", path.display())))?;
        let size = file.metadata().await.ok().map(|m| m.len());
        return Ok(Some((Box::new(file), size)));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let Ok(stat) = rustix::fs::fstat(&stdin) else {
        // no valid stdin (closed): no data
        return Ok(None);
    };
    let kind = rustix::fs::FileType::from_raw_mode(stat.st_mode);
    match kind {
        rustix::fs::FileType::RegularFile => Ok(Some((Box::new(tokio::io::stdin()), u64::try_from(stat.st_size).ok()))),
        rustix::fs::FileType::Fifo | rustix::fs::FileType::Socket => Ok(Some((Box::new(tokio::io::stdin()), None))),
        _ => Ok(None),
    }
}

/// osc's `simple_filter` on an image: the property (an image attribute or one of its free
/// properties) has this value, compared as text.
fn has_property(raw: &Map<String, Value>, key: &str, value: &str) -> bool {
    let found = raw.get(key).or_else(|| raw.get("properties").and_then(|p| p.get(key)));
    match found {
        Some(Value::String(s)) => s == value,
        Some(Value::Null) | None => false,
        Some(other) => crate::output::python_str(other) == value,
    }
}

/// osc's `utils.sort_items` with `str`: each `key[:asc|desc]` from the last, a stable sort of
/// the values as text, absent ones first.
fn sort_items(items: &mut [Map<String, Value>], sort: &str) -> Result<(), CliError> {
    let sort = sort.trim();
    if sort.is_empty() {
        return Ok(());
    }
    for spec in sort.split(',').rev() {
        let (key, reverse) = match spec.split_once(':') {
            Some(("", _)) => return Err(CliError::Message("'<empty string>'' is not a valid sort key".into())),
            Some((key, "asc")) => (key, false),
            Some((key, "desc")) => (key, true),
            Some((key, direction)) => {
                let direction = if direction.is_empty() { "<empty string>" } else { direction };
                return Err(CliError::Message(format!(
                    "'{direction}' is not a valid sort direction for sort key {key}, use 'asc' or 'desc' instead"
                )));
            }
            None => (spec, false),
        };
        let text = |raw: &Map<String, Value>| -> Option<String> {
            raw.get(key).filter(|v| !v.is_null()).map(crate::output::python_str)
        };
        items.sort_by(|a, b| {
            let order = text(a).cmp(&text(b));
            if reverse {
                order.reverse()
            } else {
                order
            }
        });
    }
    Ok(())
}

/// A store's `default` as openstacksdk types it (a boolean; glance sends the string `"true"`),
/// null when glance leaves it out.
fn store_default(raw: &Map<String, Value>) -> Value {
    match raw.get("default") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Bool(b)) => Value::Bool(*b),
        Some(Value::String(s)) => Value::Bool(s.eq_ignore_ascii_case("true")),
        Some(_) => Value::Bool(false),
    }
}

/// The id of a project as osc's `find_project_id_sdk` finds it.
async fn project_id(ctx: &Context, name: &str, domain: Option<&str>) -> Result<String, CliError> {
    let identity = ctx.conn.identity();
    let domain = match domain {
        Some(d) => Some(super::identity::domain_id(&identity, d, true).await?),
        None => None,
    };
    super::identity::project_id(&identity, name, domain.as_deref(), true).await
}

/// `image member list`'s columns.
const MEMBER_COLUMNS: [Column; 3] = [
    Column::new("Image ID", "image_id", plain),
    Column::new("Member ID", "member_id", plain),
    Column::new("Status", "status", plain),
];

/// A member as osc shows one (`_get_member_columns`): openstacksdk's attributes but `id`,
/// `name` and `location`, sorted, null when glance sent none.
fn member_show(member: &Member) -> Output {
    let raw = to_map(member);
    let fields = ["created_at", "image_id", "member_id", "schema", "status", "updated_at"];
    Output::Show(fields.iter().map(|f| (f.to_string(), plain(raw.get(*f).cloned().unwrap_or(Value::Null)))).collect())
}

/// python-openstackclient's task columns (`task.py`): the list, and `_format_task`'s fields.
const TASK: Noun = Noun {
    what: "task",
    plural: "tasks",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Type", "type", plain),
        Column::new("Status", "status", plain),
        Column::new("Owner", "owner", plain),
    ],
    long: &[],
    show: &[
        Field::plain("created_at"),
        Field::plain("expires_at"),
        Field::plain("id"),
        Field::plain("input"),
        Field::plain("message"),
        Field::new("owner_id", "owner", plain),
        // every attribute of openstacksdk's Task is shown above (or hidden): nothing is left
        Field::computed("properties", |_| Value::Object(Map::new()), dict_column),
        Field::plain("result"),
        Field::plain("status"),
        Field::plain("type"),
        Field::plain("updated_at"),
    ],
    hidden: &[],
};

/// `image unset`: remove each tag, then the properties in one update; count failures as osc.
async fn unset(ctx: &Context, image: &str, tags: &[String], properties: &[String]) -> CommandResult {
    let images = ctx.conn.image().images();
    let found = images.find(image).await?;
    let mut failed_tags = 0;
    for tag in tags {
        if images.remove_tag(&found.id, tag).await.is_err() {
            eprintln!("tag unset failed, '{tag}' is a nonexistent tag ");
            failed_tags += 1;
        }
    }
    let mut failed_properties = 0;
    if !properties.is_empty() {
        let raw = to_map(&found);
        let mut update = ImageUpdate::new();
        for key in properties {
            if raw.get(key).is_some_and(|v| !v.is_null()) {
                update = update.remove(key);
            } else {
                eprintln!("property unset failed, '{key}' is a nonexistent property ");
                failed_properties += 1;
            }
        }
        if !update.ops.is_empty() {
            images.update(&found.id, &update).await?;
        }
    }
    let (nt, np) = (tags.len(), properties.len());
    match (failed_tags, failed_properties) {
        (0, 0) => Ok(Output::Nothing),
        (t, 0) => Err(CliError::Message(format!("Failed to unset {t} of {nt} tags."))),
        (0, p) => Err(CliError::Message(format!("Failed to unset {p} of {np} properties."))),
        (t, p) => {
            Err(CliError::Message(format!("Failed to unset {t} of {nt} tags,Failed to unset {p} of {np} properties.")))
        }
    }
}

/// `image import`: osc's checks of the method, its options and the image's status, then the
/// import; prints the image as it was before.
async fn import(ctx: &Context, args: ImportArgs) -> CommandResult {
    let image = ctx.conn.image();
    let fail = |m: String| Err(CliError::Message(m));
    let methods = image.info().import().await?.import_methods.value;
    if !methods.contains(&args.method) {
        return fail(format!(
            "The '{}' import method is not supported by this deployment. Supported: {}",
            args.method,
            methods.join(", ")
        ));
    }
    let web = args.method == "web-download";
    match (&args.uri, web) {
        (None, true) => return fail("The '--uri' option is required when using '--method=web-download'".into()),
        (Some(uri), true) => {
            // Python's urlparse: a scheme before `:` and a host after `//`
            let valid = uri.split_once(':').is_some_and(|(scheme, rest)| {
                let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
                let netloc = rest.strip_prefix("//").map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
                scheme_ok && netloc.is_some_and(|n| !n.is_empty())
            });
            if !valid {
                return fail(format!("'{uri}' is not a valid url"));
            }
        }
        (Some(_), false) => {
            return fail("The '--uri' option is only supported when using '--method=web-download'".into())
        }
        (None, false) => {}
    }
    if args.method == "glance-download" {
        if args.remote_region.is_none() || args.remote_image.is_none() {
            return fail(
                "The '--remote-region' and '--remote-image' options are required when using '--method=web-download'"
                    .into(),
            );
        }
    } else if args.remote_region.is_some() {
        return fail("The '--remote-region' option is only supported when using '--method=glance-download'".into());
    } else if args.remote_image.is_some() {
        return fail("The '--remote-image' option is only supported when using '--method=glance-download'".into());
    } else if args.remote_service_interface.is_some() {
        return fail(
            "The '--remote-service-interface' option is only supported when using '--method=glance-download'".into(),
        );
    }
    let stores = args.stores.clone().filter(|s| !s.is_empty());
    if args.method == "copy-image" && stores.is_none() && !args.all_stores {
        return fail("The '--stores' or '--all-stores' options are required when using '--method=copy-image'".into());
    }
    let found = image.images().find(&args.image).await?;
    if found.container_format.is_none() && found.disk_format.is_none() {
        return fail(
            "The 'container_format' and 'disk_format' properties must be set on an image before it can be imported"
                .into(),
        );
    }
    let status = found.status.as_ref().map(|s| s.as_str()).unwrap_or_default();
    let needed = match args.method.as_str() {
        "glance-direct" => Some("uploading"),
        "web-download" => Some("queued"),
        "copy-image" => Some("active"),
        _ => None,
    };
    if let Some(needed) = needed.filter(|n| *n != status) {
        return fail(format!(
            "The '{}' import method can only be used with an image in status '{needed}'",
            args.method
        ));
    }
    let method = match args.method.as_str() {
        "glance-direct" => ImportMethod::GlanceDirect,
        "web-download" => ImportMethod::WebDownload { uri: args.uri.clone().unwrap_or_default() },
        "copy-image" => ImportMethod::CopyImage,
        _ => ImportMethod::GlanceDownload {
            image_id: args.remote_image.clone().unwrap_or_default(),
            region: args.remote_region.clone().unwrap_or_default(),
            service_interface: args.remote_service_interface.clone(),
        },
    };
    let mut request = ImportRequest::new(method);
    if let Some(stores) = stores {
        request = request.to_stores(stores);
    }
    if args.all_stores {
        request = request.to_all_stores();
    }
    if args.disallow_failure {
        request = request.all_stores_must_succeed(true);
    } else if request.chooses_stores() {
        request = request.all_stores_must_succeed(false);
    }
    image.images().import(&found.id, &request).await?;
    if args.wait {
        image.images().wait_for_import(&found.id, std::time::Duration::from_secs(3600)).await?;
    }
    Ok(show(&found, false))
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
