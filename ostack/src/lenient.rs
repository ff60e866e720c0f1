//! Deserialization helpers for sloppy real-world clouds: `null` where a list is documented,
//! `""` for an absent value, timestamps with or without a zone, numbers sent as strings.
//!
//! Use them in resource declarations with `#[serde(default, deserialize_with = "...")]`.
//!
//! # Example
//! ```
//! let t = ostack::lenient::parse_timestamp("2026-11-26T14:58:38.000000").unwrap(); // no zone: UTC
//! assert_eq!(t.as_str(), "2026-11-26T14:58:38.000000");
//! ```

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A point in time (UTC) that remembers the exact text the cloud sent, so printing it back
/// loses nothing (`2026-11-26T14:58:38.000000` stays as is). Derefs to a `DateTime<Utc>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    at: DateTime<Utc>,
    raw: String,
}

impl Timestamp {
    /// The instant.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The text as the cloud sent it.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(at: DateTime<Utc>) -> Self {
        Timestamp { at, raw: at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true) }
    }
}

impl std::ops::Deref for Timestamp {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.at
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let text = String::deserialize(de)?;
        parse_timestamp(&text).ok_or_else(|| D::Error::custom(format!("invalid timestamp '{text}'")))
    }
}

/// `null` becomes the type's default (an empty list or map).
pub fn null_as_default<'de, D, T>(de: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(de)?.unwrap_or_default())
}

/// `""` and `null` become `None`; anything else must parse as `T`.
pub fn empty_as_none<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(de)? {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::Object(m) if m.is_empty() => Ok(None),
        other => serde_json::from_value(other).map(Some).map_err(D::Error::custom),
    }
}

/// A timestamp in RFC 3339 or OpenStack's zone-less `YYYY-MM-DDTHH:MM:SS[.ffffff]` (read as UTC);
/// `""` and `null` become `None`.
pub fn timestamp<'de, D>(de: D) -> Result<Option<Timestamp>, D::Error>
where
    D: Deserializer<'de>,
{
    let Some(text) = Option::<String>::deserialize(de)? else { return Ok(None) };
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_timestamp(&text).map(Some).ok_or_else(|| D::Error::custom(format!("invalid timestamp '{text}'")))
}

/// Parse one of the timestamp forms OpenStack services send.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    parse_instant(text).map(|at| Timestamp { at, raw: text.to_string() })
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.fZ"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc());
        }
    }
    // "2016-03-08T20:19:41+0000" (no colon in the offset)
    DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z").ok().map(|t| t.with_timezone(&Utc))
}

/// An integer that may come as a number or a numeric string; `null`/`""` become `None`.
pub fn int_or_string<'de, D>(de: D) -> Result<Option<i64>, D::Error>
where
    D: Deserializer<'de>,
{
    match Value::deserialize(de)? {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("invalid integer {n}"))),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s.trim().parse().map(Some).map_err(|_| D::Error::custom(format!("invalid integer '{s}'"))),
        other => Err(D::Error::custom(format!("expected an integer, found {other}"))),
    }
}

/// Declare a status-like enum of known string values with an `Unknown(String)` catch-all,
/// so a new value from a newer cloud never fails deserialization.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of ostack does not know.
            Unknown(String),
        }

        impl $name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_string()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(s.parse().unwrap_or_else(|never: ::std::convert::Infallible| match never {}))
            }
        }
    };
}
