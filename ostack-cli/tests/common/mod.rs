//! What the CLI's devcloud tests share: where the devcloud is, and reading a child's pipes.
#![allow(dead_code)]

pub mod compare;
pub mod twins;

use std::path::PathBuf;

/// `$DEVCLOUD_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/ostack-devcloud` (as `devcloud/env` says).
pub fn devcloud_dir() -> PathBuf {
    std::env::var_os("DEVCLOUD_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".cache"))
            .join("ostack-devcloud")
    })
}

/// The devcloud's clouds.yaml (`OS_CLIENT_CONFIG_FILE` first), or `None` with one SKIP line;
/// in CI (`CI=true`) a missing devcloud fails the test instead.
pub fn clouds() -> Option<PathBuf> {
    let path = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("devcloud clouds.yaml missing in CI: {}", path.display());
    }
    eprintln!("SKIP: devcloud not found; start it with `devcloud/up && eval \"$(devcloud/env)\"`");
    None
}

/// Read a pipe to its end on another thread.
pub fn drain(mut pipe: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
