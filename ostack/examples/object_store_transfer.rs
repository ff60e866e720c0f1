//! Upload or download one object with the SDK, streamed (used by `bench/object_store.sh`).
//!
//! ```text
//! OS_CLOUD=devcloud cargo run --release --example object_store_transfer -- upload <container> <object> <file> [<segment size> <threads>]
//! OS_CLOUD=devcloud cargo run --release --example object_store_transfer -- download <container> <object> <file>
//! ```
//! With a segment size (bytes) the upload is a static large object, `<threads>` segments at a time.

use ostack::object_store::v1::{DownloadOptions, LargeKind, LargeUpload, UploadOptions};
use ostack::Connection;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: object_store_transfer upload|download <container> <object> <file> [<segment size> <threads>]";
    let [action, container, object, file] = args.get(..4).ok_or(usage)? else { return Err(usage.into()) };
    let conn = Connection::from_env().await?;
    let objects = conn.object_store().objects();
    match action.as_str() {
        "upload" => {
            let reader = tokio::fs::File::open(file).await?;
            let size = reader.metadata().await?.len();
            let written = match (args.get(4), args.get(5)) {
                (Some(segment), Some(threads)) => {
                    let large = LargeUpload {
                        segment_size: segment.parse()?,
                        concurrency: threads.parse()?,
                        kind: LargeKind::Static,
                        ..Default::default()
                    };
                    objects.upload_large(container, object, reader, &large).await?
                }
                _ => {
                    let options = UploadOptions { content_length: Some(size), ..Default::default() };
                    objects.upload(container, object, reader, &options).await?
                }
            };
            println!("{}", written.etag.unwrap_or_default());
        }
        "download" => {
            let mut out = tokio::fs::File::create(file).await?;
            let written = objects.download_to(container, object, &DownloadOptions::default(), &mut out).await?;
            println!("{written}");
        }
        _ => return Err(usage.into()),
    }
    Ok(())
}
