//! The object store proxy: the account, the typed [`Api`]s of containers and objects, `/info`,
//! bulk operations, temp URLs and form POSTs.

use super::account::{Account, AccountUpdate};
use super::bulk::{BulkDeleteResult, ExtractArchiveResult};
use super::container::{Container, ContainerUpdate, CreateContainer};
use super::info::Capabilities;
use super::object::{Object, ObjectQuery};
use super::secret::TempUrlKey;
use super::tempurl::{form_post_signature, iso8601, temp_url_signature, FormPost, FormPostOptions, TempUrlOptions};
use super::transfer::{explain_413, reader_stream, written};
use super::{container_path, object_path, Written};
use crate::catalog::ServiceType;
use crate::headers;
use crate::session::{Fetched, Request, RequestBody};
use crate::{Api, Connection, Error, Result};
use futures::TryStreamExt;
use reqwest::header::HeaderMap;
use reqwest::Method;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;
use tokio::io::AsyncRead;

/// Most paths a bulk delete sends when `/info` does not say.
const BULK_DELETE_MAX: usize = 10_000;

/// Object store (swift) calls. Get it with [`Connection::object_store`].
#[derive(Debug, Clone)]
pub struct ObjectStoreProxy {
    conn: Connection,
}

/// The archive formats `extract-archive` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    /// `tar`.
    Tar,
    /// `tar.gz`.
    TarGz,
    /// `tar.bz2`.
    TarBz2,
}

impl ArchiveFormat {
    fn as_str(&self) -> &'static str {
        match self {
            ArchiveFormat::Tar => "tar",
            ArchiveFormat::TarGz => "tar.gz",
            ArchiveFormat::TarBz2 => "tar.bz2",
        }
    }
}

impl ObjectStoreProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ObjectStoreProxy { conn }
    }

    /// Containers (listed from the account by marker, shown with `HEAD`).
    pub fn containers(&self) -> Api<Container> {
        Api::new(self.conn.clone())
    }

    /// Objects (listed per container: [`ObjectQuery::new`]; addressed by container and name).
    pub fn objects(&self) -> Api<Object> {
        Api::new(self.conn.clone())
    }

    async fn request(&self, method: Method, path: &str, headers: HeaderMap) -> Result<Request> {
        let mut request = self.conn.request(ServiceType::ObjectStore, method, path).await?;
        request.headers.extend(headers);
        Ok(request)
    }

    /// The account (`HEAD` on the endpoint): counts, bytes, quota, temp-URL keys, metadata.
    pub async fn account(&self) -> Result<Account> {
        let request = self.request(Method::HEAD, "", HeaderMap::new()).await?;
        let fetched = self.conn.fetch(request).await?;
        headers::from_headers(&fetched.headers).map_err(|e| decode_error("Account", &fetched, e))
    }

    /// Change the account's metadata or temp-URL keys (`POST` on the endpoint).
    pub async fn update_account(&self, update: &AccountUpdate) -> Result<Written> {
        let mut headers = headers::to_headers(update)?;
        for (name, value) in headers.iter_mut() {
            if name.as_str().contains("temp-url-key") {
                value.set_sensitive(true);
            }
        }
        let request = self.request(Method::POST, "", headers).await?;
        let fetched = self.conn.fetch(request).await?;
        Ok(written(&fetched))
    }

    /// Set account metadata keys, keeping the others.
    pub async fn set_account_metadata(&self, metadata: &BTreeMap<String, String>) -> Result<Written> {
        self.update_account(&AccountUpdate { metadata: metadata.clone(), ..Default::default() }).await
    }

    /// Remove account metadata keys.
    pub async fn unset_account_metadata(&self, keys: &BTreeSet<String>) -> Result<Written> {
        self.update_account(&AccountUpdate { remove: keys.clone(), ..Default::default() }).await
    }

    /// Set the account's first (or, with `second`, second) temp-URL key.
    pub async fn set_temp_url_key(&self, key: impl Into<TempUrlKey>, second: bool) -> Result<Written> {
        let key = Some(key.into());
        let update = if second {
            AccountUpdate { temp_url_key_2: key, ..Default::default() }
        } else {
            AccountUpdate { temp_url_key: key, ..Default::default() }
        };
        self.update_account(&update).await
    }

    /// The cluster's capabilities (`GET /info` beside `/v1`, without a token).
    pub async fn info(&self) -> Result<Capabilities> {
        let endpoint = self.conn.endpoint(ServiceType::ObjectStore).await?;
        let url = info_url(&endpoint.url)?;
        let request = Request::new(Method::GET, url.clone());
        let fetched = self.conn.session().fetch_with(request, &[], false).await?;
        crate::connection::decode_seeded(&fetched.body, std::marker::PhantomData, "swift /info", &url)
    }

    /// Delete many objects (`container/object`) and empty containers (`container`) with the
    /// `bulk` middleware, 10,000 (or what `/info` allows) per request. Paths that do not exist
    /// count as not found, not as errors; failures are listed in the result, not raised.
    pub async fn bulk_delete<S: AsRef<str>>(&self, paths: &[S]) -> Result<BulkDeleteResult> {
        let per_request = match paths.len() {
            0 => return Ok(BulkDeleteResult::default()),
            n if n <= BULK_DELETE_MAX => BULK_DELETE_MAX,
            _ => self.info().await.ok().and_then(|i| i.bulk_delete_max()).unwrap_or(BULK_DELETE_MAX as u64) as usize,
        };
        let mut total = BulkDeleteResult::default();
        for chunk in paths.chunks(per_request.max(1)) {
            let mut body = String::new();
            for path in chunk {
                let path = path.as_ref().trim_start_matches('/');
                let encoded = match path.split_once('/') {
                    Some((container, object)) => object_path(container, object)?,
                    None => container_path(path)?,
                };
                body.push('/');
                body.push_str(&encoded);
                body.push('\n');
            }
            let mut headers = HeaderMap::new();
            headers::insert(&mut headers, "accept", "application/json")?;
            let mut request = self.request(Method::POST, "?bulk-delete", headers).await?;
            request.body = RequestBody::Bytes(body.into(), "text/plain");
            let url = request.url.clone();
            let fetched = self.conn.fetch(request).await?;
            let result: BulkDeleteResult =
                crate::connection::decode_seeded(&fetched.body, std::marker::PhantomData, "bulk delete result", &url)?;
            total.add(result);
        }
        Ok(total)
    }

    /// Upload a tar archive (plain, gzip or bzip2), streamed, and let swift unpack it into
    /// objects (`PUT <container>?extract-archive=<format>`): each member becomes
    /// `<container>/<member path>`; with no container, the archive's first directory level
    /// names the containers.
    pub async fn extract_archive<R>(
        &self,
        container: Option<&str>,
        archive: R,
        format: ArchiveFormat,
    ) -> Result<ExtractArchiveResult>
    where
        R: AsyncRead + Send + 'static,
    {
        let path = match container {
            Some(c) => format!("{}?extract-archive={}", container_path(c)?, format.as_str()),
            None => format!("?extract-archive={}", format.as_str()),
        };
        let mut headers = HeaderMap::new();
        headers::insert(&mut headers, "accept", "application/json")?;
        let mut request = self.request(Method::PUT, &path, headers).await?;
        request.body = RequestBody::Stream(reqwest::Body::wrap_stream(reader_stream(archive)), "application/x-tar");
        let url = request.url.clone();
        let response = self.conn.send(request).await.map_err(explain_413)?;
        let body = response.bytes().await.map_err(|e| Error::Transport {
            method: "PUT".into(),
            url: url.clone(),
            message: crate::session::transport_message(&e),
        })?;
        crate::connection::decode_seeded(&body, std::marker::PhantomData, "extract-archive result", &url)
    }

    /// The key temp URLs and form POSTs are signed with: the one given, else the account's first
    /// key, else the container's.
    async fn signing_key(&self, given: Option<&TempUrlKey>, container: &str) -> Result<TempUrlKey> {
        if let Some(key) = given {
            return Ok(key.clone());
        }
        if let Some(key) = self.account().await?.temp_url_key {
            return Ok(key);
        }
        if let Some(key) = self.containers().get(container).await?.temp_url_key {
            return Ok(key);
        }
        Err(Error::InvalidInput(format!(
            "no temp-URL key: neither the account nor container '{container}' has one (set one with \
             set_temp_url_key, or `ostack object store account set --property Temp-URL-Key=...`)"
        )))
    }

    /// `/v1/AUTH_<project>` as swift's middleware sees it, and the endpoint URL.
    async fn account_path(&self) -> Result<(String, String)> {
        let endpoint = self.conn.endpoint(ServiceType::ObjectStore).await?;
        let parsed = url::Url::parse(&endpoint.url).map_err(|e| {
            Error::InvalidInput(format!("the object-store endpoint {} is not a URL: {e}", endpoint.url))
        })?;
        let path = percent_encoding::percent_decode_str(parsed.path()).decode_utf8_lossy().into_owned();
        let path = match path.find("/v1/") {
            Some(i) => path[i..].to_string(),
            None => path,
        };
        Ok((path.trim_end_matches('/').to_string(), endpoint.url.trim_end_matches('/').to_string()))
    }

    /// A temp URL for `container/object` (or, with [`TempUrlOptions::prefix`], for every object
    /// whose name starts with `object`): plain HTTP clients use it with no token until it expires.
    pub async fn temp_url(&self, container: &str, object: &str, options: &TempUrlOptions) -> Result<String> {
        let key = self.signing_key(options.key.as_ref(), container).await?;
        let (account, base) = self.account_path().await?;
        container_path(container)?;
        let expires = options.expiry.unix();
        let signed_path = format!("{account}/{container}/{object}");
        let signed_path = if options.prefix { format!("prefix:{signed_path}") } else { signed_path };
        let signature = temp_url_signature(
            key.expose(),
            &options.method,
            expires,
            &signed_path,
            options.ip_range.as_deref(),
            options.digest,
        );
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("temp_url_sig", &signature);
        query.append_pair("temp_url_expires", &if options.iso8601 { iso8601(expires) } else { expires.to_string() });
        if options.prefix {
            query.append_pair("temp_url_prefix", object);
        }
        if let Some(range) = &options.ip_range {
            query.append_pair("temp_url_ip_range", range);
        }
        let target = if object.is_empty() {
            format!("{}/", container_path(container)?)
        } else {
            object_path(container, object)?
        };
        Ok(format!("{base}/{target}?{}", query.finish()))
    }

    /// A signed browser upload form for `container`, storing files as `<prefix><file name>`
    /// (the `formpost` middleware).
    pub async fn form_post(&self, container: &str, prefix: &str, options: &FormPostOptions) -> Result<FormPost> {
        let key = self.signing_key(options.key.as_ref(), container).await?;
        let (account, base) = self.account_path().await?;
        let expires = options.expiry.unix();
        let signed_path = format!("{account}/{container}/{prefix}");
        let signature = form_post_signature(
            key.expose(),
            &signed_path,
            &options.redirect,
            options.max_file_size,
            options.max_file_count,
            expires,
            options.digest,
        );
        let target = if prefix.is_empty() {
            format!("{}/", container_path(container)?)
        } else {
            object_path(container, prefix)?
        };
        Ok(FormPost {
            url: format!("{base}/{target}"),
            fields: vec![
                ("redirect".into(), options.redirect.clone()),
                ("max_file_size".into(), options.max_file_size.to_string()),
                ("max_file_count".into(), options.max_file_count.to_string()),
                ("expires".into(), expires.to_string()),
                ("signature".into(), signature),
            ],
        })
    }
}

/// `<scheme>://<host>[/<prefix>]/info` for an endpoint `.../v1/AUTH_<project>`.
fn info_url(endpoint: &str) -> Result<String> {
    let mut parsed = url::Url::parse(endpoint)
        .map_err(|e| Error::InvalidInput(format!("the object-store endpoint {endpoint} is not a URL: {e}")))?;
    let path = parsed.path().trim_end_matches('/').to_string();
    let root = match path.rfind("/v1") {
        Some(i) if path[i + 3..].is_empty() || path[i + 3..].starts_with('/') => &path[..i],
        _ => path.rsplit_once('/').map(|(head, _)| head).unwrap_or(""),
    };
    parsed.set_path(&format!("{root}/info"));
    parsed.set_query(None);
    Ok(parsed.to_string())
}

fn decode_error(what: &str, fetched: &Fetched, e: headers::DecodeError) -> Error {
    Error::Decode { resource: what.into(), url: fetched.url.clone(), message: format!("headers: {e}") }
}

impl Api<Container> {
    /// Create a container (`PUT <container>`); an existing one keeps its objects and gets the
    /// settings given.
    pub async fn create(&self, name: &str, create: &CreateContainer) -> Result<Written> {
        let mut request =
            self.connection().request(ServiceType::ObjectStore, Method::PUT, &container_path(name)?).await?;
        request.headers.extend(headers::to_headers(create)?);
        request.body = RequestBody::Bytes(bytes::Bytes::new(), "application/octet-stream");
        let fetched = self.connection().fetch(request).await?;
        Ok(written(&fetched))
    }

    /// Change a container's settings and metadata (`POST <container>`).
    pub async fn update(&self, name: &str, update: &ContainerUpdate) -> Result<Written> {
        let mut request =
            self.connection().request(ServiceType::ObjectStore, Method::POST, &container_path(name)?).await?;
        request.headers.extend(headers::to_headers(update)?);
        let fetched = self.connection().fetch(request).await?;
        Ok(written(&fetched))
    }

    /// Set metadata keys, keeping the others.
    pub async fn set_metadata(&self, name: &str, metadata: &BTreeMap<String, String>) -> Result<Written> {
        let mut update = ContainerUpdate::default();
        update.set.metadata = metadata.clone();
        self.update(name, &update).await
    }

    /// Remove metadata keys.
    pub async fn unset_metadata(&self, name: &str, keys: &BTreeSet<String>) -> Result<Written> {
        self.update(name, &ContainerUpdate { remove: keys.clone(), ..Default::default() }).await
    }

    /// Delete a container with everything in it: its objects (bulk deletes), then itself. A
    /// listing can lag behind deletes on a busy cluster, so a container still reported not
    /// empty is tried again for up to `timeout`.
    pub async fn delete_all(&self, name: &str, timeout: Duration) -> Result<BulkDeleteResult> {
        let store = ObjectStoreProxy::new(self.connection().clone());
        let started = std::time::Instant::now();
        let mut total = BulkDeleteResult::default();
        loop {
            let objects = Api::<Object>::new(self.connection().clone());
            let paths: Vec<String> =
                objects.list(&ObjectQuery::new(name)).map_ok(|o| format!("{name}/{}", o.name)).try_collect().await?;
            let result = store.bulk_delete(&paths).await?;
            let failed = !result.is_success();
            total.add(result);
            if failed {
                total.clone().into_result("POST", "?bulk-delete")?;
            }
            match self.delete(name).await {
                Err(e) if e.status() == Some(409) && started.elapsed() < timeout => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                other => return other.map(|_| total),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::info_url;

    #[test]
    fn info_sits_beside_the_version() {
        assert_eq!(info_url("http://h:8080/v1/AUTH_p").unwrap(), "http://h:8080/info");
        assert_eq!(info_url("https://h/swift/v1/AUTH_p/").unwrap(), "https://h/swift/info");
        assert_eq!(info_url("http://h:8080/v1").unwrap(), "http://h:8080/info");
        assert_eq!(info_url("http://h:8080/v1/AUTH_v1x").unwrap(), "http://h:8080/info");
    }
}
