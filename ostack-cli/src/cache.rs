//! The on-disk token and discovery cache, so that a second command makes no Keystone call and no
//! version discovery.
//!
//! One file per set of auth inputs (a SHA-256 of them, secrets included, so a changed password
//! never reuses a token), mode 0600 in a 0700 directory under the user's cache dir, written
//! atomically under an exclusive file lock. Entries are dropped when the token expires; a token
//! refused with 401 is replaced by the session and written back.

use ostack::config::CloudConfig;
use ostack::{Endpoint, Token};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::time::Duration;

/// Tokens closer than this to expiry are not reused.
const MIN_REMAINING: Duration = Duration::from_secs(120);

/// What is stored for one set of auth inputs.
#[derive(Debug, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The token with its catalog.
    pub token: Token,
    /// Endpoints discovered with it.
    pub endpoints: Vec<Endpoint>,
}

/// The cache file of one cloud configuration.
#[derive(Debug, Clone)]
pub struct TokenCache {
    path: PathBuf,
}

impl TokenCache {
    /// The cache for `config` in `dir` (default: `<cache dir>/ostack/auth`).
    pub fn new(config: &CloudConfig, dir: Option<PathBuf>) -> Option<Self> {
        let dir = dir.or_else(|| dirs::cache_dir().map(|d| d.join("ostack").join("auth")))?;
        Some(TokenCache { path: dir.join(format!("{}.json", key(config))) })
    }

    fn lock(&self, exclusive: bool) -> Option<File> {
        let dir = self.path.parent()?;
        if !dir.exists() {
            std::fs::create_dir_all(dir).ok()?;
        }
        // tokens live here: nobody else may list or enter it
        let mode = std::fs::metadata(dir).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).ok()?;
        }
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(self.path.with_extension("lock"))
            .ok()?;
        let locked = if exclusive { lock.lock() } else { lock.lock_shared() };
        locked.ok()?;
        Some(lock)
    }

    /// The cached entry, unless missing, unreadable or about to expire (then it is removed).
    pub fn load(&self) -> Option<CacheEntry> {
        let _lock = self.lock(false)?;
        let text = std::fs::read(&self.path).ok()?;
        match serde_json::from_slice::<CacheEntry>(&text) {
            Ok(entry) if !entry.token.expires_within(MIN_REMAINING) => Some(entry),
            _ => {
                drop(_lock);
                self.remove();
                None
            }
        }
    }

    /// Store an entry (0600, atomically).
    pub fn store(&self, entry: &CacheEntry) {
        let Some(_lock) = self.lock(true) else { return };
        let tmp = self.path.with_extension(format!("tmp{}", std::process::id()));
        let written = (|| -> std::io::Result<()> {
            let mut file = OpenOptions::new().create(true).truncate(true).write(true).mode(0o600).open(&tmp)?;
            file.write_all(&serde_json::to_vec(entry).map_err(std::io::Error::other)?)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        })();
        if let Err(e) = written {
            tracing::debug!(error = %e, "could not write the token cache");
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Drop the entry.
    pub fn remove(&self) {
        if let Some(_lock) = self.lock(true) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// SHA-256 over every input that changes which token Keystone would issue or which endpoints apply.
fn key(config: &CloudConfig) -> String {
    let a = &config.auth;
    let secret = |s: &Option<secrecy::SecretString>| s.as_ref().map(|v| v.expose_secret().to_string());
    let parts: Vec<Option<String>> = vec![
        Some(format!("{:?}", config.auth_type)),
        a.auth_url.clone(),
        a.username.clone(),
        a.user_id.clone(),
        secret(&a.password),
        secret(&a.token),
        a.project_name.clone(),
        a.project_id.clone(),
        a.user_domain_name.clone(),
        a.user_domain_id.clone(),
        a.project_domain_name.clone(),
        a.project_domain_id.clone(),
        a.domain_name.clone(),
        a.domain_id.clone(),
        a.default_domain.clone(),
        a.system_scope.clone(),
        a.application_credential_id.clone(),
        a.application_credential_name.clone(),
        secret(&a.application_credential_secret),
        config.region_name.clone(),
        Some(config.interface.clone()),
        Some(format!("{:?}", config.endpoint_overrides)),
        Some(format!("{:?}", config.api_versions)),
    ];
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_deref().unwrap_or("\u{0}").as_bytes());
        hasher.update([0xff]);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
