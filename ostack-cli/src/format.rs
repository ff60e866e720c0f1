//! Value formatters of osc-lib and python-openstackclient: how dicts, lists and addresses look in
//! tables (human) while JSON keeps the structure (machine), and the field tables of show commands.

use crate::output::{python_str, Cell, Output};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// osc-lib `format_dict`: sorted keys, `k='v'`, `k=` for None, nested dicts as `a.b='v'`.
pub fn dict_text(map: &Map<String, Value>, prefix: Option<&str>) -> String {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    let mut out = String::new();
    for key in keys {
        let full = match prefix {
            Some(p) => format!("{p}.{key}"),
            None => key.clone(),
        };
        match &map[key] {
            Value::Object(inner) => out.push_str(&format!("{}, ", dict_text(inner, Some(&full)))),
            Value::Null => out.push_str(&format!("{full}=, ")),
            other => out.push_str(&format!("{full}='{}', ", python_str(other))),
        }
    }
    out.truncate(out.len().saturating_sub(2));
    out
}

/// `DictColumn`: `{}` for None in machine form, `None` in tables.
pub fn dict_column(value: Value) -> Cell {
    match value {
        Value::Object(map) => {
            let text = dict_text(&map, None);
            Cell::formatted(Value::Object(map), text)
        }
        _ => Cell::formatted(Value::Object(Map::new()), "None"),
    }
}

/// `ListColumn`: sorted and comma-joined in tables.
pub fn list_column(value: Value) -> Cell {
    let items = as_list(value);
    let mut texts: Vec<String> = items.iter().map(python_str).collect();
    texts.sort();
    Cell::formatted(Value::Array(items), texts.join(", "))
}

/// `UnsortedListColumn`: comma-joined in API order.
pub fn unsorted_list_column(value: Value) -> Cell {
    let items = as_list(value);
    let text = items.iter().map(python_str).collect::<Vec<_>>().join(", ");
    Cell::formatted(Value::Array(items), text)
}

/// `ListDictColumn`: one `format_dict` line per item.
pub fn list_dict_column(value: Value) -> Cell {
    let items = as_list(value);
    let text = items
        .iter()
        .map(|i| i.as_object().map(|m| dict_text(m, None)).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    Cell::formatted(Value::Array(items), text)
}

/// `DictListColumn`: `k=v1, v2; k2=v3` with keys and values sorted.
pub fn dict_list_column(value: Value) -> Cell {
    let map = match value {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    let parts: Vec<String> = keys
        .into_iter()
        .filter(|k| !map[*k].is_null())
        .map(|k| {
            let mut values: Vec<String> = match &map[k] {
                Value::Array(items) => items.iter().map(python_str).collect(),
                other => vec![python_str(other)],
            };
            values.sort();
            format!("{k}={}", values.join(", "))
        })
        .collect();
    Cell::formatted(Value::Object(map), parts.join("; "))
}

/// `AdminStateColumn`: `UP`/`DOWN`.
pub fn admin_state_column(value: Value) -> Cell {
    let text = if value.as_bool().unwrap_or(false) { "UP" } else { "DOWN" };
    Cell::formatted(value, text)
}

/// `false` where the API sent nothing (openstacksdk's boolean attributes with a default, e.g.
/// `port_security_enabled`).
pub fn false_if_null(value: Value) -> Cell {
    Cell::from(if value.is_null() { Value::Bool(false) } else { value })
}

/// `true` where the API sent nothing (a flavor's `os-flavor-access:is_public`).
pub fn true_if_null(value: Value) -> Cell {
    Cell::from(if value.is_null() { Value::Bool(true) } else { value })
}

/// `0` where the API sent nothing or `""` (a flavor's `swap` and `ephemeral`).
pub fn zero_if_unset(value: Value) -> Cell {
    match value {
        Value::Null => Cell::from(0),
        Value::String(s) if s.is_empty() => Cell::from(0),
        v => Cell::from(v),
    }
}

/// `RouterExternalColumn`: `External`/`Internal`.
pub fn router_external_column(value: Value) -> Cell {
    let text = if value.as_bool().unwrap_or(false) { "External" } else { "Internal" };
    Cell::formatted(value, text)
}

/// osc's `json.dumps` columns (a router's `external_gateway_info`, `interfaces_info`): compact
/// JSON in tables.
pub fn json_column(value: Value) -> Cell {
    let text = crate::output::python_json(&value, false);
    Cell::formatted(value, text)
}

/// `SizeColumn` (`format_size`): base 1000, one decimal, `.0` dropped.
pub fn size_text(bytes: u64) -> String {
    let suffixes = ["", "K", "M", "G", "T", "P", "E", "Z"];
    let mut size = bytes as f64;
    let mut index = 0;
    while size >= 1000.0 && index < suffixes.len() - 1 {
        size /= 1000.0;
        index += 1;
    }
    let text = format!("{size:.1}");
    format!("{}{}", text.strip_suffix(".0").unwrap_or(&text), suffixes[index])
}

/// A list, `null` as empty.
pub fn as_list(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

/// A serializable value as a JSON map with the API's key names.
pub fn to_map<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// Builds the fields of a show command from a resource's API body, the way osc derives them from
/// openstacksdk attributes: every known attribute (null when the API did not send it), renamed,
/// formatted, plus unknown API keys, sorted by name.
pub struct ShowFields {
    raw: Map<String, Value>,
    fields: Vec<(String, Cell)>,
    consumed: HashSet<String>,
}

impl ShowFields {
    /// Start from the API body.
    pub fn new(raw: Map<String, Value>) -> Self {
        ShowFields { raw, fields: Vec::new(), consumed: HashSet::new() }
    }

    /// The API body.
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    /// The API value of `key` (null when absent).
    pub fn get(&self, key: &str) -> Value {
        self.raw.get(key).cloned().unwrap_or(Value::Null)
    }

    /// A computed field.
    pub fn computed(&mut self, name: &str, cell: Cell) -> &mut Self {
        self.fields.push((name.to_string(), cell));
        self
    }

    /// Without the field `name` (osc's create commands hide some of show's fields).
    pub fn without(&mut self, name: &str) -> &mut Self {
        self.fields.retain(|(n, _)| n != name);
        self
    }

    /// Mark API keys as shown elsewhere or hidden.
    pub fn hide(&mut self, keys: &[&str]) -> &mut Self {
        self.consumed.extend(keys.iter().map(|k| k.to_string()));
        self
    }

    /// Add API keys not yet used, under their own names (neutron's unknown attributes).
    pub fn unknown_keys(&mut self) -> &mut Self {
        let extra: Vec<(String, Value)> =
            self.raw.iter().filter(|(k, _)| !self.consumed.contains(*k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (key, value) in extra {
            self.consumed.insert(key.clone());
            self.fields.push((key, Cell::from(value)));
        }
        self
    }

    /// Sorted by name.
    pub fn sorted(&mut self) -> Output {
        Output::show_sorted(std::mem::take(&mut self.fields))
    }

    /// In the order added.
    pub fn in_order(&mut self) -> Output {
        Output::Show(std::mem::take(&mut self.fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_where_the_api_sent_nothing() {
        // nova's "" swap and a missing ephemeral print as 0; values as they are
        assert_eq!(zero_if_unset(json!("")).machine, json!(0));
        assert_eq!(zero_if_unset(Value::Null).machine, json!(0));
        assert_eq!(zero_if_unset(json!(512)).machine, json!(512));
        assert_eq!(
            (true_if_null(Value::Null).machine, true_if_null(json!(false)).machine),
            (json!(true), json!(false))
        );
        assert_eq!(
            (false_if_null(Value::Null).machine, false_if_null(json!(true)).machine),
            (json!(false), json!(true))
        );
    }

    #[test]
    fn show_fields_without_one() {
        let mut fields = ShowFields::new(Map::new());
        fields.computed("b", Cell::from(1)).computed("a", Cell::from(2)).without("b");
        assert_eq!(fields.sorted(), Output::Show(vec![("a".into(), Cell::from(2))]));
    }
}
