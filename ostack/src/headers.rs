//! Header-borne fields: resources (or parts of them) carried in HTTP headers rather than a JSON
//! body, declared with plain serde attributes.
//!
//! Swift speaks headers: a container's object count is `X-Container-Object-Count`, its metadata
//! every `X-Container-Meta-<key>` header, and a `HEAD` answers with nothing else. A struct names
//! the header of each field with `#[serde(rename = "...")]` (or `alias`, to read the same field
//! from a JSON listing and from headers), and [`from_headers`] reads it from a response:
//!
//! * header names are matched in lower case (HTTP names are case-insensitive);
//! * values parse into the field's type: strings, integers, floats, booleans (`true`/`True`/`yes`/
//!   `1`...), options (present means `Some`), and `Vec<String>` from a comma-separated list;
//! * a field named `"<prefix>*"` collects every header starting with `<prefix>` into a map keyed
//!   by the rest of the name (lower case), except headers that another field names exactly:
//!   `#[serde(rename = "x-container-meta-*")] metadata: BTreeMap<String, String>`;
//! * a header sent several times reads as its values joined with `", "`.
//!
//! [`to_headers`] writes the other way, for request bodies made of headers: each field becomes a
//! header (`None` is left out), and a map field named `"<prefix>*"` becomes one header per entry.
//!
//! # Example
//! ```
//! use ostack::headers::{from_headers, to_headers};
//! use reqwest::header::{HeaderMap, HeaderValue};
//! use serde::{Deserialize, Serialize};
//! use std::collections::BTreeMap;
//!
//! #[derive(Deserialize, Serialize, Default)]
//! struct Info {
//!     #[serde(rename = "x-container-object-count", default)]
//!     count: Option<u64>,
//!     #[serde(rename = "x-versions-enabled", default, skip_serializing_if = "Option::is_none")]
//!     versioned: Option<bool>,
//!     #[serde(rename = "x-container-meta-*", default)]
//!     metadata: BTreeMap<String, String>,
//! }
//!
//! let mut headers = HeaderMap::new();
//! headers.insert("X-Container-Object-Count", HeaderValue::from_static("42"));
//! headers.insert("X-Versions-Enabled", HeaderValue::from_static("True"));
//! headers.insert("X-Container-Meta-Color", HeaderValue::from_static("blue"));
//! let info: Info = from_headers(&headers).unwrap();
//! assert_eq!((info.count, info.versioned), (Some(42), Some(true)));
//! assert_eq!(info.metadata["color"], "blue");
//!
//! let sent = to_headers(&info).unwrap();
//! assert_eq!(sent["x-container-meta-color"], "blue");
//! assert_eq!(sent["x-container-object-count"], "42");
//! ```

use crate::{Error, Result};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::value::{Error as DeError, MapDeserializer};
use serde::de::{self, DeserializeOwned, Error as _, IntoDeserializer, Visitor};
use serde::Serialize;
use serde_json::Value;

/// Why headers did not decode (the header and what was wrong with its value).
pub type DecodeError = DeError;

/// Read `T` from response headers (see the [module docs](self)).
pub fn from_headers<T: DeserializeOwned>(headers: &HeaderMap) -> std::result::Result<T, DecodeError> {
    T::deserialize(HeadersDeserializer { headers, extra: &[] })
}

/// [`from_headers`] with extra entries that are not headers (the name a `HEAD` request was
/// sent for, which its answer does not repeat). They win over headers of the same name.
pub fn from_headers_with<T: DeserializeOwned>(
    headers: &HeaderMap,
    extra: &[(&str, &str)],
) -> std::result::Result<T, DecodeError> {
    T::deserialize(HeadersDeserializer { headers, extra })
}

/// Write `value` as request headers (see the [module docs](self)).
pub fn to_headers<T: Serialize + ?Sized>(value: &T) -> Result<HeaderMap> {
    let json = serde_json::to_value(value).map_err(|e| Error::InvalidInput(format!("cannot encode headers: {e}")))?;
    let Value::Object(fields) = json else {
        return Err(Error::InvalidInput("headers must come from a struct or a map".into()));
    };
    let mut headers = HeaderMap::new();
    for (name, value) in fields {
        match (name.strip_suffix('*'), value) {
            (_, Value::Null) => {}
            (Some(prefix), Value::Object(entries)) => {
                for (key, value) in entries {
                    if let Some(text) = header_text(&value) {
                        insert(&mut headers, &format!("{prefix}{key}"), &text)?;
                    }
                }
            }
            (Some(_), other) => {
                return Err(Error::InvalidInput(format!("header group '{name}' must be a map, not {other}")));
            }
            (None, value) => {
                if let Some(text) = header_text(&value) {
                    insert(&mut headers, &name, &text)?;
                }
            }
        }
    }
    Ok(headers)
}

/// Add one header, with a clear error for a name or value HTTP does not allow.
pub fn insert(headers: &mut HeaderMap, name: &str, value: &str) -> Result<()> {
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::InvalidInput(format!("'{name}' cannot be a header name")))?;
    let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
        Error::InvalidInput(format!("the value of header '{name}' contains characters not allowed in a header"))
    })?;
    headers.append(header, value);
    Ok(())
}

fn header_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => Some(items.iter().filter_map(header_text).collect::<Vec<_>>().join(",")),
        other => Some(other.to_string()),
    }
}

/// The text of a header value: UTF-8 (lossy), as swift sends non-ASCII metadata.
pub fn value_text(value: &HeaderValue) -> String {
    String::from_utf8_lossy(value.as_bytes()).into_owned()
}

/// One header's value (all its values joined with `", "`), if present.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut values = headers.get_all(name).iter().map(value_text).peekable();
    values.peek()?;
    Some(values.collect::<Vec<_>>().join(", "))
}

struct HeadersDeserializer<'a> {
    headers: &'a HeaderMap,
    extra: &'a [(&'a str, &'a str)],
}

/// What one map entry holds: a header value, or a group of prefixed headers.
enum Entry {
    One(String),
    Group(Vec<(String, String)>),
}

impl HeadersDeserializer<'_> {
    fn entries(&self, fields: &[&str]) -> Vec<(String, Entry)> {
        let mut entries: Vec<(String, Entry)> =
            self.extra.iter().map(|(k, v)| (k.to_string(), Entry::One(v.to_string()))).collect();
        for name in self.headers.keys() {
            let name = name.as_str();
            if self.extra.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
                continue;
            }
            if let Some(value) = get(self.headers, name) {
                entries.push((name.to_string(), Entry::One(value)));
            }
        }
        for field in fields {
            let Some(prefix) = field.strip_suffix('*') else { continue };
            let prefix = prefix.to_ascii_lowercase();
            let group = self
                .headers
                .keys()
                .map(HeaderName::as_str)
                .filter(|name| name.len() > prefix.len() && name.starts_with(&prefix))
                .filter(|name| !fields.iter().any(|f| f.eq_ignore_ascii_case(name)))
                .filter_map(|name| Some((name[prefix.len()..].to_string(), get(self.headers, name)?)))
                .collect();
            entries.push((field.to_string(), Entry::Group(group)));
        }
        entries
    }
}

impl<'de> de::Deserializer<'de> for HeadersDeserializer<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        visitor.visit_map(MapDeserializer::new(self.entries(&[]).into_iter()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        visitor.visit_map(MapDeserializer::new(self.entries(fields).into_iter()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Entry {
    type Deserializer = EntryDeserializer;
    fn into_deserializer(self) -> EntryDeserializer {
        EntryDeserializer(self)
    }
}

/// Reads one entry: a header value parsed as the field's type, or a group as a map.
#[doc(hidden)]
pub struct EntryDeserializer(Entry);

impl EntryDeserializer {
    fn text(&self) -> &str {
        match &self.0 {
            Entry::One(s) => s.trim(),
            Entry::Group(_) => "",
        }
    }

    fn parse<T: std::str::FromStr>(&self, what: &str) -> std::result::Result<T, DeError> {
        let text = self.text();
        text.parse().map_err(|_| DeError::custom(format!("'{text}' is not {what}")))
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident : $ty:ty, $what:literal;)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
            visitor.$visit(self.parse::<$ty>($what)?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for EntryDeserializer {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        match self.0 {
            Entry::One(s) => visitor.visit_string(s),
            Entry::Group(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        let text = self.text().to_ascii_lowercase();
        match text.as_str() {
            "true" | "yes" | "on" | "1" | "t" | "y" => visitor.visit_bool(true),
            "false" | "no" | "off" | "0" | "f" | "n" => visitor.visit_bool(false),
            _ => Err(DeError::custom(format!("'{text}' is not a boolean"))),
        }
    }

    parse_number! {
        deserialize_i8 => visit_i8: i8, "an integer";
        deserialize_i16 => visit_i16: i16, "an integer";
        deserialize_i32 => visit_i32: i32, "an integer";
        deserialize_i64 => visit_i64: i64, "an integer";
        deserialize_u8 => visit_u8: u8, "a non-negative integer";
        deserialize_u16 => visit_u16: u16, "a non-negative integer";
        deserialize_u32 => visit_u32: u32, "a non-negative integer";
        deserialize_u64 => visit_u64: u64, "a non-negative integer";
        deserialize_f32 => visit_f32: f32, "a number";
        deserialize_f64 => visit_f64: f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        match self.0 {
            Entry::One(s) => {
                let items: Vec<String> =
                    s.split(',').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
                visitor.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
            }
            group => EntryDeserializer(group).deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, DeError> {
        let text = self.text().to_string();
        visitor.visit_enum(text.into_deserializer())
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> std::result::Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit_struct tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, Serialize, Default, PartialEq)]
    struct Sample {
        #[serde(default, rename = "name")]
        name: String,
        #[serde(default, alias = "x-container-object-count")]
        count: Option<u64>,
        #[serde(default, rename = "x-container-meta-quota-bytes", skip_serializing_if = "Option::is_none")]
        quota: Option<u64>,
        #[serde(default, rename = "x-versions-enabled", skip_serializing_if = "Option::is_none")]
        versioned: Option<bool>,
        #[serde(default, rename = "x-container-read", skip_serializing_if = "Vec::is_empty")]
        read: Vec<String>,
        #[serde(default, rename = "x-container-meta-*")]
        metadata: BTreeMap<String, String>,
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            insert(&mut h, k, v).unwrap();
        }
        h
    }

    #[test]
    fn reads_typed_aliased_grouped_and_extra_fields() {
        let h = headers(&[
            ("X-Container-Object-Count", "7"),
            ("X-Container-Meta-Quota-Bytes", "1000"),
            ("X-Container-Meta-Color", "blue"),
            ("X-Container-Meta-Color", "green"),
            ("X-Container-Read", ".r:*, .rlistings"),
            ("X-Versions-Enabled", "False"),
        ]);
        let s: Sample = from_headers_with(&h, &[("name", "photos")]).unwrap();
        assert_eq!(s.name, "photos");
        assert_eq!((s.count, s.quota, s.versioned), (Some(7), Some(1000), Some(false)));
        assert_eq!(s.read, vec![".r:*", ".rlistings"]);
        // the quota header has its own field, so it is not repeated in the group
        assert_eq!(s.metadata, BTreeMap::from([("color".to_string(), "blue, green".to_string())]));
    }

    #[test]
    fn bad_values_are_errors_naming_the_value() {
        let e = from_headers::<Sample>(&headers(&[("X-Container-Object-Count", "lots")])).unwrap_err();
        assert!(e.to_string().contains("'lots' is not a non-negative integer"), "{e}");
        let e = from_headers::<Sample>(&headers(&[("X-Versions-Enabled", "maybe")])).unwrap_err();
        assert!(e.to_string().contains("'maybe' is not a boolean"), "{e}");
        let none: Sample = from_headers(&HeaderMap::new()).unwrap();
        assert_eq!(none, Sample::default());
    }

    #[test]
    fn non_ascii_values_read_as_utf8() {
        let mut h = HeaderMap::new();
        h.insert("x-container-meta-city", HeaderValue::from_bytes("Zürich".as_bytes()).unwrap());
        let s: Sample = from_headers(&h).unwrap();
        assert_eq!(s.metadata["city"], "Zürich");
    }

    #[test]
    fn writes_fields_and_groups() {
        let s = Sample {
            quota: Some(5),
            versioned: Some(true),
            read: vec![".r:*".into(), ".rlistings".into()],
            metadata: BTreeMap::from([("Color".into(), "blue".into())]),
            ..Default::default()
        };
        let h = to_headers(&s).unwrap();
        assert_eq!(h["x-container-meta-quota-bytes"], "5");
        assert_eq!(h["x-versions-enabled"], "true");
        assert_eq!(h["x-container-read"], ".r:*,.rlistings");
        assert_eq!(h["x-container-meta-color"], "blue");
        assert!(!h.contains_key("count"), "None is left out");
        let bad = BTreeMap::from([("x-meta-*", "not a map")]);
        assert!(to_headers(&bad).is_err());
        let bad = BTreeMap::from([("x-bad\nname", "v")]);
        assert!(to_headers(&bad).is_err());
        let bad = BTreeMap::from([("x-ok", "line\nbreak")]);
        assert!(to_headers(&bad).unwrap_err().to_string().contains("x-ok"));
    }
}
