//! The on-disk token and discovery cache, so that a second command makes no Keystone call and no
//! version discovery.
//!
//! One file per set of auth inputs, named by a SHA-256 of them (secrets included, so a changed
//! password never reuses a token). What it guarantees:
//!
//! - **Bound to its identity.** Every entry stores a second digest of the auth inputs (a different
//!   one than the file name, so it cannot be derived from the name) and is used only when that
//!   digest matches the current inputs: an entry copied or renamed onto another cloud's file is a
//!   miss and is removed.
//! - **A private directory.** The directory (`OSTACK_CACHE_DIR`, default `<cache dir>/ostack/auth`)
//!   is created with mode 0700. An existing one is used only if it is a real directory (not a
//!   symbolic link), owned by the current user and not reachable by group or others; otherwise
//!   `ostack` warns once on stderr and runs without the cache. It is never chmod-ed.
//! - **No surprises from the files in it.** All files are opened relative to the directory's file
//!   descriptor with `O_NOFOLLOW` (a symbolic link is never followed) and `O_NONBLOCK` (a FIFO
//!   cannot hang the command); an entry must be a regular file (checked on the opened descriptor)
//!   of at most 1 MiB, else it is a miss and removed.
//! - **Atomic, private writes.** An entry is written to a new file with a random name (created
//!   exclusively, mode 0600, never through a link), synced, then renamed over the old one, under
//!   an exclusive lock (`<name>.lock`; readers take it shared).
//!
//! Entries are dropped when the token expires; a token refused with 401 is replaced by the session
//! and written back.

use ostack::config::CloudConfig;
use ostack::{Endpoint, Token};
use rustix::fs::{Mode, OFlags};
use rustix::io::Errno;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Tokens closer than this to expiry are not reused.
const MIN_REMAINING: Duration = Duration::from_secs(120);

/// Entries larger than this are not read (nor written): a token with a large catalog is a few
/// tens of KiB.
pub const MAX_ENTRY_BYTES: u64 = 1 << 20;

/// What is stored for one set of auth inputs.
#[derive(Debug, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The token with its catalog.
    pub token: Token,
    /// Endpoints discovered with it.
    pub endpoints: Vec<Endpoint>,
}

/// The file's content as written: the entry and the digest of the auth inputs it belongs to.
#[derive(Serialize)]
struct Stored<'a> {
    identity: &'a str,
    entry: &'a CacheEntry,
}

/// The file's content as read back.
#[derive(Deserialize)]
struct Loaded {
    identity: String,
    entry: CacheEntry,
}

/// The cache file of one cloud configuration, in a directory checked to be private.
#[derive(Debug, Clone)]
pub struct TokenCache {
    /// The directory, opened once (`O_DIRECTORY | O_NOFOLLOW`); every file is opened relative to it.
    dir: Arc<OwnedFd>,
    /// The directory's path, for messages.
    dir_path: PathBuf,
    /// File name stem: a digest of the auth inputs.
    name: String,
    /// Digest of the auth inputs stored in, and required of, the entry.
    identity: String,
}

impl TokenCache {
    /// The cache for `config` in `dir` (default: `<cache dir>/ostack/auth`), or `None` when there is
    /// no usable directory; a directory that exists but is not private is named in a warning on
    /// stderr.
    pub fn new(config: &CloudConfig, dir: Option<PathBuf>) -> Option<Self> {
        let dir = dir.or_else(|| dirs::cache_dir().map(|d| d.join("ostack").join("auth")))?;
        match Self::open(config, &dir) {
            Ok(cache) => Some(cache),
            Err(reason) => {
                eprintln!("ostack: warning: not using the token cache: {reason}");
                None
            }
        }
    }

    /// The cache for `config` in `dir`, which is created (0700) when missing; an error says why the
    /// directory cannot be used.
    pub fn open(config: &CloudConfig, dir: &Path) -> Result<Self, String> {
        Ok(TokenCache {
            dir: Arc::new(open_private_dir(dir)?),
            dir_path: dir.to_path_buf(),
            name: digest(config, "file name"),
            identity: digest(config, "entry identity"),
        })
    }

    /// The path of the entry file (for tests and messages).
    pub fn path(&self) -> PathBuf {
        self.dir_path.join(self.file_name("json"))
    }

    fn file_name(&self, extension: &str) -> String {
        format!("{}.{extension}", self.name)
    }

    /// Open `name` in the cache directory, never following a symbolic link and never blocking on
    /// a FIFO; the result is a regular file or an error.
    fn open_file(&self, name: &str, flags: OFlags) -> std::io::Result<File> {
        let flags = flags | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&*self.dir, name, flags, Mode::from_raw_mode(0o600))?;
        let stat = rustix::fs::fstat(&fd)?;
        if rustix::fs::FileType::from_raw_mode(stat.st_mode) != rustix::fs::FileType::RegularFile {
            return Err(std::io::Error::other("not a regular file"));
        }
        Ok(File::from(fd))
    }

    fn lock(&self, exclusive: bool) -> Option<File> {
        let locked = self.open_file(&self.file_name("lock"), OFlags::RDWR | OFlags::CREATE).and_then(|lock| {
            if exclusive { lock.lock() } else { lock.lock_shared() }?;
            Ok(lock)
        });
        match locked {
            Ok(lock) => Some(lock),
            Err(e) => {
                tracing::debug!(error = %e, dir = %self.dir_path.display(), "cannot lock the token cache");
                None
            }
        }
    }

    /// The cached entry, unless missing, unreadable, not a regular file, too large, issued for
    /// other auth inputs or about to expire (then it is removed).
    pub fn load(&self) -> Option<CacheEntry> {
        let lock = self.lock(false)?;
        let read = self.read();
        drop(lock);
        match read {
            Ok(entry) => entry,
            Err(reason) => {
                tracing::debug!(file = %self.path().display(), reason, "token cache entry not used");
                self.remove();
                None
            }
        }
    }

    /// `Ok(None)` when there is no entry, `Err` with the reason when there is one that must not
    /// be used.
    fn read(&self) -> Result<Option<CacheEntry>, String> {
        let file = match self.open_file(&self.file_name("json"), OFlags::RDONLY) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.raw_os_error() == Some(Errno::LOOP.raw_os_error()) => {
                return Err("a symbolic link".into());
            }
            Err(e) => return Err(e.to_string()),
        };
        let mut text = Vec::new();
        file.take(MAX_ENTRY_BYTES + 1).read_to_end(&mut text).map_err(|e| e.to_string())?;
        if text.len() as u64 > MAX_ENTRY_BYTES {
            return Err(format!("larger than {MAX_ENTRY_BYTES} bytes"));
        }
        let loaded: Loaded = serde_json::from_slice(&text).map_err(|e| format!("unreadable: {e}"))?;
        if loaded.identity != self.identity {
            return Err("issued for other auth inputs".into());
        }
        if loaded.entry.token.expires_within(MIN_REMAINING) {
            return Err("the token expires soon".into());
        }
        Ok(Some(loaded.entry))
    }

    /// Store an entry (0600, atomically).
    pub fn store(&self, entry: &CacheEntry) {
        let bytes = match serde_json::to_vec(&Stored { identity: &self.identity, entry }) {
            Ok(bytes) if bytes.len() as u64 <= MAX_ENTRY_BYTES => bytes,
            Ok(bytes) => {
                tracing::debug!(bytes = bytes.len(), "token cache entry too large; not written");
                return;
            }
            Err(e) => {
                tracing::debug!(error = %e, "cannot encode the token cache entry");
                return;
            }
        };
        let Some(_lock) = self.lock(true) else { return };
        let tmp = format!("{}.{}.{:016x}.tmp", self.name, std::process::id(), random());
        let written = (|| -> std::io::Result<()> {
            let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL;
            let mut file = self.open_file(&tmp, flags)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            rustix::fs::renameat(&*self.dir, &tmp, &*self.dir, self.file_name("json"))?;
            Ok(())
        })();
        if let Err(e) = written {
            tracing::debug!(error = %e, dir = %self.dir_path.display(), "could not write the token cache");
            let _ = rustix::fs::unlinkat(&*self.dir, &tmp, rustix::fs::AtFlags::empty());
        }
    }

    /// Drop the entry.
    pub fn remove(&self) {
        if let Some(_lock) = self.lock(true) {
            let _ = rustix::fs::unlinkat(&*self.dir, self.file_name("json"), rustix::fs::AtFlags::empty());
        }
    }
}

/// A random 64-bit number (from the standard library's randomly keyed hasher), so that temporary
/// file names cannot be predicted.
fn random() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(now.as_nanos());
    hasher.finish()
}

/// Open the cache directory (creating it 0700 when missing) and check, on the opened descriptor,
/// that it is a directory owned by this user with no access for group or others.
fn open_private_dir(path: &Path) -> Result<OwnedFd, String> {
    let shown = path.display();
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(Errno::NOENT) => {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(path)
                .map_err(|e| format!("cannot create {shown}: {e}"))?;
            rustix::fs::open(path, flags, Mode::empty()).map_err(|e| format!("cannot open {shown}: {e}"))?
        }
        Err(e) => {
            return Err(match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.file_type().is_symlink() => format!("{shown} is a symbolic link"),
                Ok(meta) if !meta.is_dir() => format!("{shown} is not a directory"),
                _ => format!("cannot open {shown}: {e}"),
            });
        }
    };
    let stat = rustix::fs::fstat(&fd).map_err(|e| format!("cannot read the metadata of {shown}: {e}"))?;
    let me = rustix::process::geteuid().as_raw();
    if stat.st_uid != me {
        return Err(format!("{shown} is owned by uid {}, not by the current user (uid {me})", stat.st_uid));
    }
    let mode = stat.st_mode & 0o7777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "{shown} has mode {mode:04o}, so other users can reach the tokens in it; \
             `chmod 700 {shown}` to use it"
        ));
    }
    Ok(fd)
}

/// SHA-256 over every input that changes which token Keystone would issue or which endpoints
/// apply, preceded by `purpose` so that different uses give unrelated digests.
fn digest(config: &CloudConfig, purpose: &str) -> String {
    let a = &config.auth;
    let secret = |s: &Option<secrecy::SecretString>| s.as_ref().map(|v| v.expose_secret().to_string());
    let parts: Vec<Option<String>> = vec![
        Some(format!("ostack token cache v2: {purpose}")),
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
        secret(&a.passcode),
        Some(format!("{:?}", a.auth_methods)),
        a.endpoint.clone(),
        a.identity_provider.clone(),
        a.protocol.clone(),
        a.client_id.clone(),
        secret(&a.client_secret),
        a.discovery_endpoint.clone(),
        a.access_token_endpoint.clone(),
        a.openid_scope.clone(),
        a.access_token_type.clone(),
        secret(&a.access_token),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn config(user: &str, password: &str) -> CloudConfig {
        let mut config = CloudConfig::default();
        config.auth.auth_url = Some("http://keystone.invalid/v3".into());
        config.auth.username = Some(user.into());
        config.auth.password = Some(password.to_string().into());
        config.auth.project_name = Some(user.into());
        config.interface = "public".into();
        config
    }

    fn entry(token: &str) -> CacheEntry {
        let expires = chrono::Utc::now() + chrono::Duration::hours(1);
        CacheEntry {
            token: Token {
                value: token.to_string().into(),
                expires_at: Some(expires.into()),
                issued_at: None,
                catalog: Default::default(),
                user_id: Some(format!("id-of-{token}")),
                user_name: None,
                project_id: None,
                project_name: None,
                domain_id: None,
                system_scoped: false,
                roles: Vec::new(),
            },
            endpoints: Vec::new(),
        }
    }

    fn token_of(entry: Option<CacheEntry>) -> Option<String> {
        entry.map(|e| e.token.value.expose_secret().to_string())
    }

    /// Run `f` on another thread; fail instead of hanging when it takes more than 10 s.
    fn within_10s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(10)).expect("the cache did not answer within 10 s (blocked)")
    }

    /// A temporary directory with mode 0700 (`tempfile::tempdir` makes 0755 ones, which the cache
    /// refuses).
    fn private_dir() -> tempfile::TempDir {
        tempfile::Builder::new().permissions(std::fs::Permissions::from_mode(0o700)).tempdir().unwrap()
    }

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn an_entry_round_trips() {
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        assert!(cache.load().is_none());
        cache.store(&entry("admin-token"));
        assert_eq!(token_of(cache.load()).as_deref(), Some("admin-token"));
        assert_eq!(mode(&cache.path()), 0o600);
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert!(names.iter().all(|n| n.ends_with(".json") || n.ends_with(".lock")), "temporary file left: {names:?}");
    }

    #[test]
    fn an_entry_copied_over_another_identity_is_a_miss_and_removed() {
        let dir = private_dir();
        let admin = TokenCache::open(&config("admin", "admin-pw"), dir.path()).unwrap();
        let demo = TokenCache::open(&config("demo", "demo-pw"), dir.path()).unwrap();
        demo.store(&entry("demo-token"));
        std::fs::copy(demo.path(), admin.path()).unwrap();
        assert_eq!(token_of(admin.load()), None, "admin must not act as demo");
        assert!(!admin.path().exists(), "the foreign entry is removed");
        assert_eq!(token_of(demo.load()).as_deref(), Some("demo-token"));
        // the same user with another password is another identity too
        let changed = TokenCache::open(&config("demo", "new-pw"), dir.path()).unwrap();
        std::fs::copy(demo.path(), changed.path()).unwrap();
        assert_eq!(token_of(changed.load()), None);
    }

    #[test]
    fn an_entry_without_identity_is_a_miss() {
        // the format written before entries were bound to their auth inputs
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        std::fs::write(cache.path(), serde_json::to_vec(&entry("old-token")).unwrap()).unwrap();
        assert_eq!(token_of(cache.load()), None);
    }

    #[test]
    fn a_fifo_entry_or_lock_does_not_block() {
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, cache.path(), Mode::from_raw_mode(0o600)).unwrap();
        let c = cache.clone();
        assert!(within_10s(move || c.load()).is_none());
        assert!(!cache.path().exists(), "the FIFO entry is removed");
        // then a store works again
        cache.store(&entry("fresh"));
        assert_eq!(token_of(cache.load()).as_deref(), Some("fresh"));

        let lock = dir.path().join(cache.file_name("lock"));
        std::fs::remove_file(&lock).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, &lock, Mode::from_raw_mode(0o600)).unwrap();
        let c = cache.clone();
        assert!(within_10s(move || c.load()).is_none(), "a FIFO lock makes the cache unusable, not hang");
        let c = cache.clone();
        within_10s(move || c.store(&entry("x")));
    }

    #[test]
    fn a_symlinked_entry_is_not_followed() {
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        std::os::unix::fs::symlink("/dev/zero", cache.path()).unwrap();
        let c = cache.clone();
        assert!(within_10s(move || c.load()).is_none());
        assert!(std::fs::symlink_metadata(cache.path()).is_err(), "the link is removed");

        // a link to a valid entry elsewhere is not followed either
        let elsewhere = private_dir();
        cache.store(&entry("real"));
        let moved = elsewhere.path().join("entry.json");
        std::fs::rename(cache.path(), &moved).unwrap();
        std::os::unix::fs::symlink(&moved, cache.path()).unwrap();
        assert!(cache.load().is_none());
        assert!(moved.exists(), "the link target is not touched");
    }

    #[test]
    fn an_oversized_entry_is_a_miss() {
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        cache.store(&entry("big"));
        // a valid entry, padded past the cap with JSON whitespace
        let mut text = std::fs::read(cache.path()).unwrap();
        text.extend(std::iter::repeat_n(b' ', MAX_ENTRY_BYTES as usize));
        std::fs::write(cache.path(), &text).unwrap();
        assert!(cache.load().is_none());
        assert!(!cache.path().exists());
    }

    #[test]
    fn the_temporary_file_is_never_written_through_a_link() {
        let dir = private_dir();
        let cache = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap();
        let victim_dir = private_dir();
        let victim = victim_dir.path().join("victim");
        std::fs::write(&victim, "keep me").unwrap();
        // links at every name an earlier version would have used for the temporary file
        for name in [format!("{}.tmp{}", cache.name, std::process::id()), format!("{}.tmp", cache.name)] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
        }
        cache.store(&entry("t"));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(token_of(cache.load()).as_deref(), Some("t"));
        assert_eq!(mode(&cache.path()), 0o600);
    }

    #[test]
    fn the_directory_is_created_private() {
        let base = private_dir();
        std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let dir = base.path().join("ostack").join("auth");
        TokenCache::open(&config("admin", "pw"), &dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(dir.parent().unwrap()), 0o700);
    }

    #[test]
    fn an_open_directory_is_refused_and_left_alone() {
        let dir = private_dir();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let error = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap_err();
        assert!(error.contains(&dir.path().display().to_string()) && error.contains("0755"), "{error}");
        assert_eq!(mode(dir.path()), 0o755, "not chmod-ed");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
    }

    #[test]
    fn a_symlinked_directory_is_refused() {
        let base = private_dir();
        let real = base.path().join("real");
        std::fs::DirBuilder::new().mode(0o700).create(&real).unwrap();
        let link = base.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let error = TokenCache::open(&config("admin", "pw"), &link).unwrap_err();
        assert!(error.contains("symbolic link"), "{error}");
        let file = base.path().join("file");
        std::fs::write(&file, "").unwrap();
        let error = TokenCache::open(&config("admin", "pw"), &file).unwrap_err();
        assert!(error.contains("not a directory"), "{error}");
    }

    #[test]
    fn a_directory_of_another_user_is_refused() {
        let dir = private_dir();
        let other = rustix::process::geteuid().as_raw().wrapping_add(4242);
        if std::os::unix::fs::chown(dir.path(), Some(other), None).is_err() {
            eprintln!("SKIP: cannot chown (not root); the owner check is not exercised");
            return;
        }
        let error = TokenCache::open(&config("admin", "pw"), dir.path()).unwrap_err();
        assert!(error.contains(&format!("owned by uid {other}")), "{error}");
    }
}
