//! `object create|list|show|set|unset|delete|save` and `object store account show|set|unset`
//! (python-openstackclient's `openstackclient/object/v1/`), plus ostack's extensions:
//!
//! * `object create --segment-size SIZE [--segment-threads N] [--segment-container C]`
//!   uploads a file (or stdin, `-`) as a static large object, N segments at a time: objects
//!   over swift's 5 GiB limit, which `openstack` cannot upload;
//! * `object create <container> - --name <name>` uploads stdin; `object save --file -` writes
//!   to stdout; both stream, whatever the size;
//! * progress bars on stderr when it is a terminal;
//! * `object temp url create` signs a temp URL (no token needed to use it).
//!
//! One deliberate difference: swift's object `POST` replaces all custom metadata, so
//! `openstack object set|unset` drops the properties it does not name; ostack reads the object
//! first and keeps them (and its content type, encoding, disposition and expiry).
//! `object save` and `container save` refuse an object name that points outside the current
//! directory (`/etc/x`, `../x`) unless `--file` names the destination.

use super::object_store::{
    account_name, head, local_path, parse_size, progress_bar, properties, swift_error, Counting,
};
use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::{StreamExt, TryStreamExt};
use ostack::object_store::v1::{
    Account, Digest, DownloadOptions, Expiry, LargeKind, LargeUpload, Object, ObjectQuery, TempUrlOptions,
    UploadOptions, WRITE_BUFFER,
};
use ostack::Api;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// osc's object list columns.
const LIST: &[Column] = &[Column::new("Name", "name", plain)];
/// What `--long` adds.
const LONG: &[Column] = &[
    Column::new("Bytes", "bytes", plain),
    Column::new("Hash", "hash", plain),
    Column::new("Content Type", "content_type", plain),
    Column::new("Last Modified", "last_modified", plain),
];

/// Object commands.
#[derive(Subcommand)]
pub enum ObjectCommand {
    /// Upload objects to a container.
    Create(CreateArgs),
    /// List objects.
    List(ListArgs),
    /// Display object details.
    Show {
        /// Container of the object.
        container: String,
        /// Object to display.
        object: String,
    },
    /// Set object properties.
    Set {
        /// Container of the object.
        container: String,
        /// Object to modify.
        object: String,
        /// Property `key=value` to set (repeatable).
        #[arg(long = "property", required = true, value_parser = parse_key_value)]
        properties: Vec<(String, String)>,
    },
    /// Unset object properties.
    Unset {
        /// Container of the object.
        container: String,
        /// Object to modify.
        object: String,
        /// Property key to remove (repeatable).
        #[arg(long = "property", required = true)]
        properties: Vec<String>,
    },
    /// Delete objects from a container.
    Delete {
        /// Container of the objects.
        container: String,
        /// Objects to delete.
        #[arg(required = true)]
        objects: Vec<String>,
    },
    /// Save an object locally.
    Save {
        /// Destination file (default: the object name); `-` writes to stdout.
        #[arg(long)]
        file: Option<String>,
        /// Do not check the data against the object's MD5 ETag (ostack extension, as swift's
        /// `--ignore-checksum`).
        #[arg(long = "ignore-checksum")]
        ignore_checksum: bool,
        /// Container of the object.
        container: String,
        /// Object to save.
        object: String,
    },
    /// The object store account.
    #[command(subcommand)]
    Store(StoreCommand),
    /// Temp URLs (ostack extension).
    #[command(subcommand)]
    Temp(TempCommand),
}

/// `object store ...`.
#[derive(Subcommand)]
pub enum StoreCommand {
    /// The account.
    #[command(subcommand)]
    Account(AccountCommand),
}

/// `object store account show|set|unset`.
#[derive(Subcommand)]
pub enum AccountCommand {
    /// Display account details.
    Show,
    /// Set account properties.
    Set {
        /// Property `key=value` to set (repeatable); `Temp-URL-Key=...` sets the temp-URL key.
        #[arg(long = "property", required = true, value_parser = parse_key_value)]
        properties: Vec<(String, String)>,
    },
    /// Unset account properties.
    Unset {
        /// Property key to remove (repeatable).
        #[arg(long = "property", required = true)]
        properties: Vec<String>,
    },
}

/// `object temp ...` (ostack extension).
#[derive(Subcommand)]
pub enum TempCommand {
    /// Temp URLs.
    #[command(subcommand)]
    Url(TempUrlCommand),
}

/// `object temp url create` (ostack extension).
#[derive(Subcommand)]
pub enum TempUrlCommand {
    /// Sign a temp URL: anyone holding it may use the method on the object (or, with
    /// --prefix-based, on every object under the prefix) until it expires, without a token.
    Create(TempUrlArgs),
}

/// `object temp url create` options.
#[derive(Args)]
pub struct TempUrlArgs {
    /// Container of the object.
    container: String,
    /// Object (or, with --prefix-based, the name prefix).
    object: String,
    /// HTTP method it allows (GET, PUT, POST, DELETE; HEAD comes with GET, PUT and POST).
    #[arg(long, default_value = "GET")]
    method: String,
    /// Valid for this many seconds.
    #[arg(long, default_value_t = 3600, conflicts_with = "expires_at")]
    expires: u64,
    /// Valid until this time, in seconds since the epoch.
    #[arg(long = "expires-at")]
    expires_at: Option<u64>,
    /// HMAC digest: sha256 or sha512.
    #[arg(long, default_value = "sha256")]
    digest: String,
    /// Sign for every object whose name starts with <object> (a prefix-based URL).
    #[arg(long = "prefix-based")]
    prefix_based: bool,
    /// Only from these addresses (1.2.3.4 or 1.2.3.0/24).
    #[arg(long = "ip-range")]
    ip_range: Option<String>,
    /// Write the expiry in the URL as an ISO 8601 time.
    #[arg(long)]
    iso8601: bool,
    /// Key to sign with (default: the account's temp-URL key, else the container's).
    #[arg(long, hide_env_values = true)]
    key: Option<String>,
}

/// `object create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Container for the new objects.
    container: String,
    /// Local files to upload (`-`: stdin, with --name).
    #[arg(required = true, value_name = "filename")]
    objects: Vec<String>,
    /// Upload a file under another name (a single file only).
    #[arg(long)]
    name: Option<String>,
    /// Upload as a static large object in segments of this size (e.g. 32M, 1G) (ostack
    /// extension).
    #[arg(long = "segment-size", value_parser = parse_size)]
    segment_size: Option<usize>,
    /// Segments uploaded at once, and segment buffers held in memory (ostack extension).
    #[arg(long = "segment-threads", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    segment_threads: u16,
    /// Container of the segments (default `<container>_segments`) (ostack extension).
    #[arg(long = "segment-container")]
    segment_container: Option<String>,
    /// Do not compute the data's MD5 nor check it against swift's ETag (ostack extension, as
    /// swift's `--ignore-checksum`).
    #[arg(long = "ignore-checksum")]
    ignore_checksum: bool,
}

/// `object list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Container to list.
    container: String,
    /// Filter list using <prefix>.
    #[arg(long)]
    prefix: Option<String>,
    /// Roll up items with <delimiter>.
    #[arg(long)]
    delimiter: Option<String>,
    /// The maximum number of entries to return.
    #[arg(long)]
    limit: Option<u32>,
    /// The first position in the collection to return results from.
    #[arg(long)]
    marker: Option<String>,
    /// End anchor for paging.
    #[arg(long = "end-marker")]
    end_marker: Option<String>,
    /// List additional fields in output.
    #[arg(long)]
    long: bool,
    /// List all objects in container (default is one page of up to 10000).
    #[arg(long)]
    all: bool,
}

impl ObjectCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ObjectCommand::Show { .. } => Some("object show"),
            ObjectCommand::Store(StoreCommand::Account(AccountCommand::Show)) => Some("object store account show"),
            ObjectCommand::Temp(TempCommand::Url(TempUrlCommand::Create(_))) => Some("object temp url create"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        self.execute(ctx).await.map_err(|e| match e {
            CliError::Sdk(sdk) => swift_error(sdk),
            other => other,
        })
    }

    async fn execute(self, ctx: &Context) -> CommandResult {
        let store = ctx.conn.object_store();
        let objects = store.objects();
        match self {
            ObjectCommand::Create(args) => create(&objects, args).await,
            ObjectCommand::List(args) => {
                let query = ObjectQuery {
                    prefix: args.prefix,
                    delimiter: args.delimiter,
                    marker: args.marker,
                    end_marker: args.end_marker,
                    limit: args.limit,
                    ..ObjectQuery::new(args.container)
                };
                let pager = objects.list(&query);
                let list: Vec<Object> = if args.all {
                    pager.try_collect().await?
                } else {
                    pager.into_pages().try_next().await?.unwrap_or_default()
                };
                let columns: Vec<&Column> = LIST.iter().chain(if args.long { LONG } else { &[] }).collect();
                Ok(list_of(&list, &columns))
            }
            ObjectCommand::Show { container, object } => {
                let headers = head(&ctx.conn, &objects.item_path(&format!("{container}/{object}"))?).await?;
                let shown = <Object as ostack::Resource>::from_headers(&format!("{container}/{object}"), &headers)
                    .map_err(|e| CliError::Message(format!("cannot read object {object}: {e}")))?;
                let mut fields: Vec<(String, Cell)> = vec![
                    ("account".into(), account_name(&ctx.conn).await?.into()),
                    ("container".into(), container.into()),
                    ("object".into(), object.into()),
                    ("content-type".into(), shown.content_type.clone().into()),
                ];
                let optional = [
                    ("content-length", shown.bytes.map(|n| n.to_string())),
                    ("last-modified", shown.last_modified.clone()),
                    ("etag", shown.hash.clone()),
                    ("x-object-manifest", shown.object_manifest.clone()),
                ];
                for (name, value) in optional {
                    if let Some(value) = value {
                        fields.push((name.into(), value.into()));
                    }
                }
                if let Some(cell) = properties(&headers, "x-object-meta-") {
                    fields.push(("properties".into(), cell));
                }
                Ok(Output::show_sorted(fields))
            }
            ObjectCommand::Set { container, object, properties } => {
                let metadata: BTreeMap<String, String> = properties.into_iter().collect();
                objects.set_object_metadata(&container, &object, &metadata).await?;
                Ok(Output::Nothing)
            }
            ObjectCommand::Unset { container, object, properties } => {
                let keys: BTreeSet<String> = properties.into_iter().collect();
                objects.unset_object_metadata(&container, &object, &keys).await?;
                Ok(Output::Nothing)
            }
            ObjectCommand::Delete { container, objects: names } => {
                for name in names {
                    objects.delete(&container, &name).await?;
                }
                Ok(Output::Nothing)
            }
            ObjectCommand::Save { file, container, object, ignore_checksum } => {
                let options = DownloadOptions { no_verify: ignore_checksum, ..Default::default() };
                save(&objects, &container, &object, file.as_deref(), &options).await?;
                Ok(Output::Nothing)
            }
            ObjectCommand::Store(StoreCommand::Account(command)) => account(ctx, command).await,
            ObjectCommand::Temp(TempCommand::Url(TempUrlCommand::Create(args))) => temp_url(ctx, args).await,
        }
    }
}

async fn create(objects: &Api<Object>, args: CreateArgs) -> CommandResult {
    if args.name.is_some() && args.objects.len() > 1 {
        return Err(CliError::Message(
            "Attempting to upload multiple objects and using --name is not permitted".into(),
        ));
    }
    let mut rows = Vec::new();
    for file in &args.objects {
        if file.chars().count() > 1024 {
            eprintln!("Object name is {} characters long, default limit is 1024", file.chars().count());
        }
        let name = args.name.clone().unwrap_or_else(|| file.clone());
        if file == "-" && args.name.is_none() {
            return Err(CliError::Message("Uploading stdin (-) needs --name".into()));
        }
        let (reader, size): (Box<dyn tokio::io::AsyncRead + Send + Unpin>, Option<u64>) = if file == "-" {
            (Box::new(tokio::io::stdin()), None)
        } else {
            let opened = tokio::fs::File::open(file).await.map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    CliError::Message(format!("[Errno 2] No such file or directory: '{file}'"))
                }
                _ => CliError::Message(format!("Cannot read {file}: {e}")),
            })?;
            let size = opened.metadata().await.ok().map(|m| m.len());
            (Box::new(opened), size)
        };
        let bar = progress_bar(size);
        let reader = Counting::new(reader, bar.clone());
        let written = match args.segment_size {
            Some(segment) if size.is_none_or(|s| s > segment as u64) => {
                let large = LargeUpload {
                    segment_size: segment,
                    concurrency: args.segment_threads as usize,
                    segment_container: args.segment_container.clone(),
                    kind: LargeKind::Auto,
                    options: UploadOptions { no_verify: args.ignore_checksum, ..Default::default() },
                };
                objects.upload_large(&args.container, &name, reader, &large).await?
            }
            _ => {
                let options =
                    UploadOptions { content_length: size, no_verify: args.ignore_checksum, ..Default::default() };
                objects.upload(&args.container, &name, reader, &options).await?
            }
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        rows.push(vec![Cell::from(name), Cell::from(args.container.clone()), Cell::from(written.etag)]);
    }
    Ok(Output::list(&["object", "container", "etag"], rows))
}

/// Download one object to `file` (default: its name, below the current directory; `-`:
/// stdout), streamed, with a progress bar for files on a terminal.
pub async fn save(
    objects: &Api<Object>,
    container: &str,
    object: &str,
    file: Option<&str>,
    options: &DownloadOptions,
) -> Result<(), CliError> {
    let path = match file {
        Some("-") => None,
        Some(f) => Some(PathBuf::from(f)),
        None => Some(local_path(object)?),
    };
    if object.ends_with('/') && file.is_none() {
        // a pseudo-folder marker: a directory, not a file
        if let Some(dir) = &path {
            tokio::fs::create_dir_all(dir).await.map_err(|e| CliError::Message(format!("{}: {e}", dir.display())))?;
        }
        return Ok(());
    }
    let mut download = objects.download(container, object, options).await?;
    // the network delivers chunks of a few KiB: gather them into fewer, larger writes
    let buffered = |out| Box::new(tokio::io::BufWriter::with_capacity(WRITE_BUFFER, out));
    let mut out: Box<dyn tokio::io::AsyncWrite + Unpin + Send> = match &path {
        None => buffered(Box::new(tokio::io::stdout()) as Box<dyn tokio::io::AsyncWrite + Unpin + Send>),
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                tokio::fs::create_dir_all(parent)
                    .await
                    .map_err(|e| CliError::Message(format!("Cannot create {}: {e}", parent.display())))?;
            }
            buffered(Box::new(
                tokio::fs::File::create(path)
                    .await
                    .map_err(|e| CliError::Message(format!("Cannot write {}: {e}", path.display())))?,
            ))
        }
    };
    let bar = if path.is_some() { progress_bar(download.object.bytes) } else { None };
    while let Some(chunk) = download.next().await {
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
    Ok(())
}

async fn account(ctx: &Context, command: AccountCommand) -> CommandResult {
    let store = ctx.conn.object_store();
    match command {
        AccountCommand::Show => {
            let headers = head(&ctx.conn, "").await?;
            let shown: Account = ostack::headers::from_headers(&headers)
                .map_err(|e| CliError::Message(format!("cannot read the account: {e}")))?;
            let mut fields: Vec<(String, Cell)> = vec![
                ("Account".into(), account_name(&ctx.conn).await?.into()),
                ("Bytes".into(), shown.bytes_used.map(|n| n.to_string()).into()),
                ("Containers".into(), shown.container_count.map(|n| n.to_string()).into()),
                ("Objects".into(), shown.object_count.map(|n| n.to_string()).into()),
            ];
            if let Some(cell) = properties(&headers, "x-account-meta-") {
                fields.push(("properties".into(), cell));
            }
            Ok(Output::show_sorted(fields))
        }
        AccountCommand::Set { properties } => {
            store.set_account_metadata(&properties.into_iter().collect()).await?;
            Ok(Output::Nothing)
        }
        AccountCommand::Unset { properties } => {
            store.unset_account_metadata(&properties.into_iter().collect()).await?;
            Ok(Output::Nothing)
        }
    }
}

async fn temp_url(ctx: &Context, args: TempUrlArgs) -> CommandResult {
    let digest: Digest = args.digest.parse().map_err(CliError::Message)?;
    let expiry = match args.expires_at {
        Some(at) => Expiry::At(at),
        None => Expiry::In(Duration::from_secs(args.expires)),
    };
    let expires = expiry.unix();
    let options = TempUrlOptions {
        method: args.method.to_ascii_uppercase(),
        expiry: Expiry::At(expires),
        digest,
        prefix: args.prefix_based,
        ip_range: args.ip_range,
        iso8601: args.iso8601,
        key: args.key.map(Into::into),
    };
    let url = ctx.conn.object_store().temp_url(&args.container, &args.object, &options).await?;
    Ok(Output::show_sorted(vec![
        ("url".into(), url.into()),
        ("expires".into(), expires.into()),
        ("method".into(), options.method.into()),
    ]))
}
