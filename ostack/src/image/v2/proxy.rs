//! The image proxy: typed calls for images, their data included.

use super::{CreateImage, Image, ImageQuery, ImageUpdate};
use crate::catalog::ServiceType;
use crate::resource::{self, Pager};
use crate::session::RequestBody;
use crate::{Connection, Error, Result};
use bytes::Bytes;
use futures::{Stream, StreamExt, TryStreamExt};
use reqwest::Method;
use std::time::Duration;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Content type of glance's JSON patch.
const JSON_PATCH: &str = "application/openstack-images-v2.1-json-patch";

/// Image (glance) calls. Get it with [`Connection::image`].
#[derive(Debug, Clone)]
pub struct ImageProxy {
    conn: Connection,
}

impl ImageProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ImageProxy { conn }
    }

    /// List images, lazily paged (glance `next` links).
    pub fn images(&self, query: &ImageQuery) -> Pager<Image> {
        resource::list(&self.conn, query)
    }

    /// Get one image.
    pub async fn get_image(&self, id: &str) -> Result<Image> {
        resource::get(&self.conn, id).await
    }

    /// Find an image by id or exact name.
    pub async fn find_image(&self, name_or_id: &str) -> Result<Image> {
        resource::find(&self.conn, name_or_id, ImageQuery::default()).await
    }

    /// Create an image record (status `queued`); upload its data next.
    pub async fn create_image(&self, body: &CreateImage) -> Result<Image> {
        resource::create(&self.conn, body).await
    }

    /// Change attributes and properties with a JSON patch.
    pub async fn update_image(&self, id: &str, update: &ImageUpdate) -> Result<Image> {
        let path = format!("images/{}", resource::utf8_percent_encode(id));
        let request = self
            .conn
            .request(ServiceType::Image, Method::PATCH, &path)
            .await?
            .json(&update.ops)?
            .header("content-type", JSON_PATCH);
        self.conn.send_json_seeded(request, resource::KeyedSeed::<Image>::new(None), "Image").await
    }

    /// Delete an image.
    pub async fn delete_image(&self, id: &str) -> Result<()> {
        resource::delete::<Image>(&self.conn, id).await
    }

    /// Upload data from a stream of byte chunks (`PUT /v2/images/{id}/file`). The data is not
    /// buffered: memory use stays flat whatever the image size.
    pub async fn upload_image<S, E>(&self, id: &str, data: S) -> Result<()>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let mut request = self.conn.request(ServiceType::Image, Method::PUT, &Self::file_path(id)).await?;
        request.body = RequestBody::Stream(reqwest::Body::wrap_stream(data), "application/octet-stream");
        self.conn.send(request).await?;
        Ok(())
    }

    /// Upload data held in memory.
    pub async fn upload_image_bytes(&self, id: &str, data: impl Into<Bytes>) -> Result<()> {
        let mut request = self.conn.request(ServiceType::Image, Method::PUT, &Self::file_path(id)).await?;
        request.body = RequestBody::Bytes(data.into(), "application/octet-stream");
        self.conn.send(request).await?;
        Ok(())
    }

    /// Download the data as a stream of byte chunks (`GET /v2/images/{id}/file`).
    pub async fn download_image(&self, id: &str) -> Result<impl Stream<Item = Result<Bytes>> + Send + use<>> {
        let request = self.conn.request(ServiceType::Image, Method::GET, &Self::file_path(id)).await?;
        let url = request.url.clone();
        let response = self.conn.send(request).await?;
        Ok(response.bytes_stream().map_err(move |e| Error::Transport {
            method: "GET".into(),
            url: url.clone(),
            message: crate::session::transport_message(&e),
        }))
    }

    /// Download the data into a writer; returns the number of bytes written.
    pub async fn download_image_to<W: AsyncWrite + Unpin>(&self, id: &str, writer: &mut W) -> Result<u64> {
        let mut stream = std::pin::pin!(self.download_image(id).await?);
        let mut written = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }

    /// Wait until the image reaches `status` (e.g. `active`); fails at once on `killed`.
    pub async fn wait_for_image(&self, id: &str, status: &str, timeout: Duration) -> Result<Image> {
        resource::wait_for_status(&self.conn, id, &[status], &["killed"], timeout).await
    }

    fn file_path(id: &str) -> String {
        format!("images/{}/file", resource::utf8_percent_encode(id))
    }
}
