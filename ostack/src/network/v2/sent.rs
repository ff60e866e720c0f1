//! Re-serializing what neutron sent: the keys in its order, its `null`s kept.
//!
//! Typed `Option` fields cannot tell an explicit `null` from an absent key, and a struct
//! re-serializes in declaration order. A resource declared with `#[serde(remote = "Self")]`, a
//! `#[serde(skip)] pub sent: Sent` field and `keeps_sent!(Type)` remembers the keys of the body
//! it was read from, in order, and which of them were `null`; serializing it gives back the same
//! keys in the same order (typed fields set to `None` since stay absent, fields set since come
//! after). One built by hand (no keys remembered) serializes as declared.
//!
//! # Example
//! ```
//! use ostack::network::v2::SecurityGroupRule;
//! let sent = r#"{"id":"r1","protocol":null,"security_group_id":"g","direction":"ingress"}"#;
//! let rule: SecurityGroupRule = serde_json::from_str(sent).unwrap();
//! assert_eq!(rule.protocol, None);
//! assert_eq!(serde_json::to_string(&rule).unwrap(), sent);
//! ```

use serde::de::{MapAccess, Visitor};
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserializer, Serializer};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::sync::Arc;

/// The keys a resource was read from, in order, and which were `null` (see the module docs).
/// Leave it default when building a value by hand.
#[derive(Clone, Default)]
pub struct Sent {
    keys: Option<Arc<[String]>>,
    nulls: Vec<u32>,
}

impl std::fmt::Debug for Sent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sent({} keys)", self.keys.as_ref().map_or(0, |k| k.len()))
    }
}

/// Metadata only: two values equal in their fields are equal whatever body they came from.
impl PartialEq for Sent {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

thread_local! {
    /// The key list of the last body read: the items of a list share one allocation.
    static LAST_KEYS: RefCell<Option<Arc<[String]>>> = const { RefCell::new(None) };
}

impl Sent {
    /// Read a JSON object: its entries, and the keys in the order they came (whatever the map
    /// type keeps) with its `null`s.
    pub(crate) fn read<'de, D: Deserializer<'de>>(de: D) -> Result<(Sent, Map<String, Value>), D::Error> {
        de.deserialize_map(ObjectVisitor)
    }

    fn remember(order: Vec<String>, nulls: Vec<u32>) -> Sent {
        let keys = LAST_KEYS.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some(keys) if **keys == order[..] => keys.clone(),
                _ => {
                    let keys: Arc<[String]> = order.into();
                    *last = Some(keys.clone());
                    keys
                }
            }
        });
        Sent { keys: Some(keys), nulls }
    }

    /// Whether it remembers nothing (built by hand).
    pub fn is_empty(&self) -> bool {
        self.keys.is_none()
    }

    /// Serialize `typed` (the fields as declared) with the remembered keys first, in order (a
    /// remembered `null` the typed value no longer has comes back as `null`), then the others.
    pub(crate) fn emit<S: Serializer>(&self, typed: Value, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(mut typed) = typed else {
            return Err(S::Error::custom("a resource did not serialize as an object"));
        };
        let keys = self.keys.as_deref().unwrap_or_default();
        let mut map = serializer.serialize_map(None)?;
        for (i, key) in keys.iter().enumerate() {
            match typed.remove(key) {
                Some(value) => map.serialize_entry(key, &value)?,
                None if self.nulls.contains(&(i as u32)) => map.serialize_entry(key, &Value::Null)?,
                None => {}
            }
        }
        for (key, value) in &typed {
            // a list or text field the cloud did not send (`fields=`) reads as empty: still absent
            if is_empty(value) {
                continue;
            }
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = (Sent, Map<String, Value>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let (mut map, mut order, mut nulls) = (Map::new(), Vec::new(), Vec::new());
        while let Some(key) = access.next_key::<String>()? {
            let value: Value = access.next_value()?;
            if map.contains_key(&key) {
                // a repeated key: the last value counts, at the first place
                map.insert(key, value);
                continue;
            }
            if value.is_null() {
                nulls.push(order.len() as u32);
            }
            order.push(key.clone());
            map.insert(key, value);
        }
        Ok((Sent::remember(order, nulls), map))
    }
}

/// Implement `Serialize` and `Deserialize` of a type declared with `#[serde(remote = "Self")]` and
/// a `sent: Sent` field, so that it re-serializes as it was read (see [`Sent`]).
macro_rules! keeps_sent {
    ($ty:ident) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let (sent, map) = $crate::network::v2::Sent::read(de)?;
                let mut track = serde_path_to_error::Track::new();
                let value = serde_json::Value::Object(map);
                let mut typed = $ty::deserialize(serde_path_to_error::Deserializer::new(value, &mut track)).map_err(
                    |e| match track.path().to_string() {
                        path if path == "." => D::Error::custom(e),
                        path => D::Error::custom(format!("{path}: {e}")),
                    },
                )?;
                typed.sent = sent;
                Ok(typed)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::Error as _;
                if self.sent.is_empty() {
                    return $ty::serialize(self, serializer);
                }
                let typed = $ty::serialize(self, serde_json::value::Serializer).map_err(S::Error::custom)?;
                self.sent.emit(typed, serializer)
            }
        }
    };
}
pub(crate) use keeps_sent;
