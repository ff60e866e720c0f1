//! Small request helpers for the glance calls that are not a plain [`Api`](crate::Api) resource
//! (nested collections, info documents, actions).

use crate::catalog::ServiceType;
use crate::connection::decode_seeded;
use crate::session::{Fetched, Request};
use crate::{Connection, Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;

/// One path segment, percent-encoded; an empty one is an error naming `what`.
pub(crate) fn segment(what: &str, value: &str) -> Result<String> {
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("empty {what}")));
    }
    Ok(crate::resource::utf8_percent_encode(value))
}

/// A request to `path` under the image endpoint.
pub(crate) async fn request(conn: &Connection, method: Method, path: &str) -> Result<Request> {
    conn.request(ServiceType::Image, method, path).await
}

/// Send `method path` with an optional JSON body and read the whole answer.
pub(crate) async fn call<B: Serialize + ?Sized>(
    conn: &Connection,
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<Fetched> {
    let mut request = request(conn, method, path).await?;
    if let Some(body) = body {
        request = request.json(body)?;
    }
    conn.fetch(request).await
}

/// Decode an answer as `T`, naming `what` in errors.
pub(crate) fn decode<T: DeserializeOwned>(fetched: &Fetched, what: &str) -> Result<T> {
    decode_seeded(&fetched.body, PhantomData::<T>, what, &fetched.url)
}

/// `GET path`, decoded.
pub(crate) async fn get<T: DeserializeOwned>(conn: &Connection, path: &str, what: &str) -> Result<T> {
    decode(&call::<()>(conn, Method::GET, path, None).await?, what)
}

/// `method path` with a JSON body, the answer decoded.
pub(crate) async fn send<B: Serialize + ?Sized, T: DeserializeOwned>(
    conn: &Connection,
    method: Method,
    path: &str,
    body: &B,
    what: &str,
) -> Result<T> {
    decode(&call(conn, method, path, Some(body)).await?, what)
}

/// `method path` (optionally with a JSON body) whose answer has no body worth reading.
pub(crate) async fn send_empty<B: Serialize + ?Sized>(
    conn: &Connection,
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<()> {
    call(conn, method, path, body).await.map(drop)
}
