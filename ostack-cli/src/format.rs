//! Value formatters of osc-lib and python-openstackclient: how dicts, lists and addresses look in
//! tables (human) while JSON keeps the structure (machine).

use crate::output::Cell;
use serde_json::{Map, Value};

/// osc-lib `format_dict`: `k1='v1', k2='v2'` in key order.
pub fn dict_text(map: &Map<String, Value>) -> String {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    keys.iter().map(|k| format!("{k}='{}'", crate::output::python_str(&map[*k]))).collect::<Vec<_>>().join(", ")
}

/// osc-lib `format_list`: sorted, comma-separated.
pub fn list_text(items: &[Value]) -> String {
    let mut texts: Vec<String> = items.iter().map(crate::output::python_str).collect();
    texts.sort();
    texts.join(", ")
}

/// A `DictColumn`.
pub fn dict_column(map: Map<String, Value>) -> Cell {
    let text = dict_text(&map);
    Cell::formatted(Value::Object(map), text)
}

/// A `ListColumn`.
pub fn list_column(items: Vec<Value>) -> Cell {
    let text = list_text(&items);
    Cell::formatted(Value::Array(items), text)
}

/// A serializable value as a JSON map (empty for non-objects).
pub fn to_map<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// Strings to JSON values.
pub fn strings<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> Vec<Value> {
    items.into_iter().map(|s| Value::String(s.into())).collect()
}

/// osc's timestamps as they come from the API (the raw string), or null.
pub fn raw_or_null(map: &Map<String, Value>, key: &str) -> Value {
    map.get(key).cloned().unwrap_or(Value::Null)
}
