//! YAML as PyYAML's `safe_dump(default_flow_style=False)` writes it (what `openstack -f yaml`
//! prints): sorted keys, block style, indentless sequences in mappings, YAML 1.1 quoting rules,
//! non-ASCII escaped, long plain scalars folded at 80 columns.

use serde_json::Value;

const WIDTH: usize = 80;

/// Dump a value as a YAML document.
pub fn dump(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Array(items) if !items.is_empty() => write_sequence(items, 0, &mut out),
        Value::Object(map) if !map.is_empty() => write_mapping(map, 0, &mut out, false),
        scalar => {
            out.push_str(&scalar_text(scalar, 0, 0));
            out.push('\n');
        }
    }
    out
}

fn write_sequence(items: &[Value], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_mapping(map, indent + 2, out, true),
            Value::Array(inner) if !inner.is_empty() => {
                // "- - a" style
                let mut nested = String::new();
                write_sequence(inner, indent + 2, &mut nested);
                out.push_str(nested.trim_start());
            }
            scalar => {
                out.push_str(&scalar_text(scalar, indent + 2, indent + 2));
                out.push('\n');
            }
        }
    }
}

/// `first_inline`: the first key goes on the current line (after "- ").
fn write_mapping(map: &serde_json::Map<String, Value>, indent: usize, out: &mut String, first_inline: bool) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for (i, key) in keys.into_iter().enumerate() {
        if i > 0 || !first_inline {
            out.push_str(&" ".repeat(indent));
        }
        let key_text = scalar_text(&Value::String(key.clone()), indent, indent);
        out.push_str(&key_text);
        out.push(':');
        match &map[key] {
            Value::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                write_mapping(inner, indent + 2, out, false);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                write_sequence(items, indent, out);
            }
            scalar => {
                out.push(' ');
                let column = indent + key_text.chars().count() + 2;
                out.push_str(&scalar_text(scalar, indent + 2, column));
                out.push('\n');
            }
        }
    }
}

fn scalar_text(value: &Value, indent: usize, column: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        Value::Number(n) => crate::output::python_number(n),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
        Value::String(s) => string_text(s, indent, column),
    }
}

fn string_text(s: &str, indent: usize, column: usize) -> String {
    if s.chars().any(|c| !(' '..='~').contains(&c) && c != '\n') {
        return double_quoted(s);
    }
    if plain_allowed(s) && !resolves_to_other_type(s) {
        return fold(s, indent, column);
    }
    single_quoted(s, indent, column)
}

fn plain_allowed(s: &str) -> bool {
    if s.is_empty() || s.starts_with(' ') || s.ends_with(' ') || s.contains('\n') {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    let second = s.chars().nth(1);
    if "#,[]{}&*!|>'\"%@`".contains(first) {
        return false;
    }
    if "?:-".contains(first) && second.is_none_or(|c| c == ' ') {
        return false;
    }
    !(s.contains(": ") || s.ends_with(':') || s.contains(" #"))
}

/// YAML 1.1 implicit types PyYAML resolves plain scalars to.
fn resolves_to_other_type(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
        "off", "Off", "OFF", "null", "Null", "NULL", "~", "=", "<<",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '_');
    // ints: decimal, 0x, 0b, octal, sexagesimal
    if digits(body) && body.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if let Some(hex) = body.strip_prefix("0x") {
        if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_') {
            return true;
        }
    }
    if let Some(bin) = body.strip_prefix("0b") {
        if !bin.is_empty() && bin.chars().all(|c| c == '0' || c == '1' || c == '_') {
            return true;
        }
    }
    if body.contains(':')
        && body.split(':').all(|p| digits(p) || (p.contains('.') && p.split('.').all(|q| q.is_empty() || digits(q))))
        && body.starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    // floats
    let lower = body.to_ascii_lowercase();
    if lower == ".inf" || lower == ".nan" {
        return true;
    }
    let (mantissa, exponent) = match lower.find('e') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let exponent_ok =
        exponent.is_none_or(|e| e.len() > 1 && e.starts_with(['-', '+']) && e[1..].chars().all(|c| c.is_ascii_digit()));
    if let Some((whole, frac)) = mantissa.split_once('.') {
        if (digits(whole) || whole.is_empty())
            && (frac.is_empty() || digits(frac))
            && !(whole.is_empty() && frac.is_empty())
            && exponent_ok
        {
            return true;
        }
    } else if exponent.is_some() && digits(mantissa) && exponent_ok {
        return true;
    }
    // timestamps: YYYY-M(M)-D(D)...
    let bytes = s.as_bytes();
    if bytes.len() >= 8 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-' {
        let rest = &s[5..];
        let mut parts = rest.splitn(2, '-');
        let month = parts.next().unwrap_or("");
        let day_and_more = parts.next().unwrap_or("");
        let day: String = day_and_more.chars().take_while(char::is_ascii_digit).collect();
        if (1..=2).contains(&month.len()) && month.chars().all(|c| c.is_ascii_digit()) && (1..=2).contains(&day.len()) {
            let tail = &day_and_more[day.len()..];
            return tail.is_empty() || tail.starts_with(['T', 't', ' ', '\t']);
        }
    }
    false
}

/// Fold a plain scalar at spaces once past the width, as PyYAML does.
fn fold(s: &str, indent: usize, start_column: usize) -> String {
    let mut out = String::new();
    let mut column = start_column;
    let words: Vec<&str> = s.split(' ').collect();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            // a single space may break the line once past the width
            if column > WIDTH && !word.is_empty() && !words[i - 1].is_empty() {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += word.chars().count();
    }
    out
}

fn single_quoted(s: &str, indent: usize, column: usize) -> String {
    let escaped = s.replace('\'', "''");
    let mut out = String::from("'");
    let mut lines = escaped.split('\n').peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            out.push_str(&" ".repeat(indent));
        }
        let start = if first { column + 1 } else { indent };
        out.push_str(&fold(line, indent, start));
        if lines.peek().is_some() {
            out.push('\n');
            if first {
                out.push('\n');
            }
        }
        first = false;
    }
    out.push('\'');
    out
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_of_mappings_sorted() {
        let v = json!([{"Name": "m1.tiny", "Disk": 1, "Is Public": true, "ID": "330"}]);
        assert_eq!(dump(&v), "- Disk: 1\n  ID: '330'\n  Is Public: true\n  Name: m1.tiny\n");
    }

    #[test]
    fn nested_and_empty() {
        let v = json!({"addresses": {"net": ["10.0.0.5"]}, "tags": [], "props": {}, "d": null, "when": "2014-11-07T17:07:06Z", "x": ""});
        assert_eq!(
            dump(&v),
            "addresses:\n  net:\n  - 10.0.0.5\nd: null\nprops: {}\ntags: []\nwhen: '2014-11-07T17:07:06Z'\nx: ''\n"
        );
        assert_eq!(dump(&json!([])), "[]\n");
    }

    #[test]
    fn quoting_rules() {
        for (s, want) in [
            ("True", "'True'"),
            ("1.5", "'1.5'"),
            ("- a", "'- a'"),
            ("a: b", "'a: b'"),
            ("OS-EXT-STS:vm_state", "OS-EXT-STS:vm_state"),
            ("it's", "it's"),
            ("#x", "'#x'"),
            ("é", "\"\\xE9\""),
            ("10.0.0.5", "10.0.0.5"),
            ("ssh-ed25519 AAAA", "ssh-ed25519 AAAA"),
        ] {
            assert_eq!(string_text(s, 0, 0), want, "{s}");
        }
    }
}
