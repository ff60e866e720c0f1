//! Temp-URL keys: secrets that sign URLs, never printed by `Debug`.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serializer};

/// A temp-URL (and form POST) signing key. `Debug` shows `***`; read it with
/// [`TempUrlKey::expose`].
#[derive(Clone)]
pub struct TempUrlKey(SecretString);

impl TempUrlKey {
    /// A key from its text.
    pub fn new(key: impl Into<String>) -> Self {
        TempUrlKey(SecretString::from(key.into()))
    }

    /// The key itself.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for TempUrlKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TempUrlKey(***)")
    }
}

impl From<&str> for TempUrlKey {
    fn from(key: &str) -> Self {
        TempUrlKey::new(key)
    }
}

impl From<String> for TempUrlKey {
    fn from(key: String) -> Self {
        TempUrlKey::new(key)
    }
}

impl<'de> Deserialize<'de> for TempUrlKey {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        String::deserialize(de).map(TempUrlKey::new)
    }
}

/// Serialize an optional key as its text (request headers only).
pub(crate) fn expose_opt<S: Serializer>(key: &Option<TempUrlKey>, s: S) -> Result<S::Ok, S::Error> {
    match key {
        Some(k) => s.serialize_str(k.expose()),
        None => s.serialize_none(),
    }
}
