//! The image proxy: the typed [`Api`] of glance images, and their data (upload, download).

use super::Image;
use crate::api::Api;
use crate::catalog::ServiceType;
use crate::resource;
use crate::session::RequestBody;
use crate::{Connection, Error, Result};
use bytes::Bytes;
use futures::{Stream, StreamExt, TryStreamExt};
use reqwest::Method;
use std::time::Duration;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Image (glance) calls. Get it with [`Connection::image`].
#[derive(Debug, Clone)]
pub struct ImageProxy {
    conn: Connection,
}

impl ImageProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ImageProxy { conn }
    }

    /// Images (paged by glance's `next` links; updates are JSON patches).
    pub fn images(&self) -> Api<Image> {
        Api::new(self.conn.clone())
    }
}

fn file_path(id: &str) -> String {
    format!("images/{}/file", resource::utf8_percent_encode(id))
}

impl Api<Image> {
    /// Upload data from a stream of byte chunks (`PUT /v2/images/{id}/file`). The data is not
    /// buffered: memory use stays flat whatever the image size.
    pub async fn upload<S, E>(&self, id: &str, data: S) -> Result<()>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let mut request = self.connection().request(ServiceType::Image, Method::PUT, &file_path(id)).await?;
        request.body = RequestBody::Stream(reqwest::Body::wrap_stream(data), "application/octet-stream");
        self.connection().send(request).await?;
        Ok(())
    }

    /// Upload data held in memory.
    pub async fn upload_bytes(&self, id: &str, data: impl Into<Bytes>) -> Result<()> {
        let mut request = self.connection().request(ServiceType::Image, Method::PUT, &file_path(id)).await?;
        request.body = RequestBody::Bytes(data.into(), "application/octet-stream");
        self.connection().send(request).await?;
        Ok(())
    }

    /// Download the data as a stream of byte chunks (`GET /v2/images/{id}/file`).
    pub async fn download(&self, id: &str) -> Result<impl Stream<Item = Result<Bytes>> + Send + use<>> {
        let request = self.connection().request(ServiceType::Image, Method::GET, &file_path(id)).await?;
        let url = request.url.clone();
        let response = self.connection().send(request).await?;
        Ok(response.bytes_stream().map_err(move |e| Error::Transport {
            method: "GET".into(),
            url: url.clone(),
            message: crate::session::transport_message(&e),
        }))
    }

    /// Download the data into a writer; returns the number of bytes written.
    pub async fn download_to<W: AsyncWrite + Unpin>(&self, id: &str, writer: &mut W) -> Result<u64> {
        let mut stream = std::pin::pin!(self.download(id).await?);
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
    pub async fn wait_until(&self, id: &str, status: &str, timeout: Duration) -> Result<Image> {
        self.wait_for_status(id, &[status], &["killed"], timeout).await
    }
}
