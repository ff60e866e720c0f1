//! Output formatters that print exactly what python-openstackclient (cliff) prints:
//! `-f table|json|yaml|value|csv`, `-c`, `--noindent`, `--max-width`, `--fit-width`,
//! `--sort-column`, `--sort-ascending|--sort-descending`, `--quote`, `--print-empty`.
//!
//! The table is drawn here rather than with a table crate because the goal is byte-for-byte
//! equality with prettytable's layout (alignment from the first row, wrapping, empty tables).

use clap::{Args, ValueEnum};
use serde_json::Value;
use std::io::Write;

/// One value to print: its machine form (json, yaml, value, csv) and, for the columns osc
/// formats specially, a human form for tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What `-f json`/`-f yaml` print, and `str()` of it for `-f value`/`-f csv`.
    pub machine: Value,
    /// What a table shows; `None` means `str()` of the machine value.
    pub human: Option<String>,
}

impl Cell {
    /// A formatted column: different text in tables.
    pub fn formatted(machine: Value, human: impl Into<String>) -> Self {
        Cell { machine, human: Some(human.into()) }
    }

    /// The table text.
    pub fn table_text(&self) -> String {
        self.human.clone().unwrap_or_else(|| python_str(&self.machine))
    }

    /// Whether the value is a formatted column (cliff's FormattableColumn).
    fn is_formattable(&self) -> bool {
        self.human.is_some()
    }
}

impl<T: Into<Value>> From<T> for Cell {
    fn from(value: T) -> Self {
        Cell { machine: value.into(), human: None }
    }
}

/// What a command prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A list command: column names and rows.
    List { columns: Vec<String>, rows: Vec<Vec<Cell>> },
    /// A show command: field names and values, in print order.
    Show(Vec<(String, Cell)>),
    /// Like `List`, for the commands whose column names osc keeps in a Python list rather than a
    /// tuple (it shows in the unknown-column error).
    ListOfList { columns: Vec<String>, rows: Vec<Vec<Cell>> },
    /// Nothing (delete, start, ...).
    Nothing,
}

impl Output {
    /// A list from column names and rows.
    pub fn list(columns: &[&str], rows: Vec<Vec<Cell>>) -> Self {
        Output::List { columns: columns.iter().map(|c| c.to_string()).collect(), rows }
    }

    /// A list whose column names osc holds in a Python list.
    pub fn list_of_list(columns: &[&str], rows: Vec<Vec<Cell>>) -> Self {
        Output::ListOfList { columns: columns.iter().map(|c| c.to_string()).collect(), rows }
    }

    /// A show from fields, sorted by name as osc sorts them.
    pub fn show_sorted(mut fields: Vec<(String, Cell)>) -> Self {
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        Output::Show(fields)
    }
}

/// `-f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// ASCII table.
    Table,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// Values only, space-separated.
    Value,
    /// CSV (list commands only).
    Csv,
    /// `name="value"` lines.
    Shell,
}

/// `--quote` for CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Quote {
    /// Quote everything.
    All,
    /// Quote only when needed.
    Minimal,
    /// Never quote.
    None,
    /// Quote everything but numbers.
    Nonnumeric,
}

/// The output options every command takes, as cliff defines them.
#[derive(Debug, Clone, Args)]
pub struct OutputOptions {
    /// Output format.
    #[arg(short = 'f', long = "format", value_enum, default_value = "table", global = true)]
    pub format: Format,
    /// Column to include (repeatable); all by default.
    #[arg(short = 'c', long = "column", global = true)]
    pub columns: Vec<String>,
    /// Compact JSON.
    #[arg(long, global = true)]
    pub noindent: bool,
    /// Maximum table width, <1 to disable.
    #[arg(long = "max-width", env = "CLIFF_MAX_TERM_WIDTH", default_value_t = 0, global = true)]
    pub max_width: i64,
    /// Fit the table to the terminal width.
    #[arg(long = "fit-width", global = true)]
    pub fit_width: bool,
    /// Print an empty table when there is no data.
    #[arg(long = "print-empty", global = true)]
    pub print_empty: bool,
    /// Column(s) to sort by (repeatable).
    #[arg(long = "sort-column", global = true)]
    pub sort_columns: Vec<String>,
    /// Sort ascending (default).
    #[arg(long = "sort-ascending", global = true, conflicts_with = "sort_descending")]
    pub sort_ascending: bool,
    /// Sort descending.
    #[arg(long = "sort-descending", global = true)]
    pub sort_descending: bool,
    /// CSV quoting.
    #[arg(long = "quote", value_enum, default_value = "nonnumeric", global = true)]
    pub quote: Quote,
    /// Shell format: prefix for variable names.
    #[arg(long, default_value = "", global = true)]
    pub prefix: String,
}

fn normalize(name: &str) -> String {
    name.trim().to_lowercase().replace(' ', "_")
}

/// Python's `str()` of a JSON value (`True`, `None`, `['a', 'b']`, `{'k': 'v'}`).
pub fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => python_repr(other),
    }
}

/// Python's `repr()` of a JSON value.
pub fn python_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => python_number(n),
        Value::String(s) => python_string_repr(s),
        Value::Array(items) => format!("[{}]", items.iter().map(python_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", python_string_repr(k), python_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A number as Python prints it (`1.0` for a whole float).
pub fn python_number(n: &serde_json::Number) -> String {
    if n.is_f64() {
        let f = n.as_f64().unwrap_or_default();
        if f.fract() == 0.0 && f.abs() < 1e16 {
            format!("{f:.1}")
        } else {
            format!("{f}")
        }
    } else {
        n.to_string()
    }
}

fn python_string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Print `output` as the options say.
pub fn render(output: Output, opts: &OutputOptions, out: &mut dyn Write) -> Result<(), String> {
    match output {
        Output::Nothing => Ok(()),
        Output::List { columns, rows } => render_list(columns, rows, opts, out, true),
        Output::ListOfList { columns, rows } => render_list(columns, rows, opts, out, false),
        Output::Show(fields) => render_show(fields, opts, out),
    }
    .map_err(|e| e.to_string())
}

fn select(columns: &[String], requested: &[String], tuple: bool) -> Result<Vec<usize>, std::io::Error> {
    if requested.is_empty() {
        return Ok((0..columns.len()).collect());
    }
    let wanted: Vec<String> = requested.iter().map(|c| normalize(c)).collect();
    let picked: Vec<usize> = (0..columns.len()).filter(|i| wanted.contains(&normalize(&columns[*i]))).collect();
    if picked.is_empty() {
        let known = python_repr(&Value::from(columns.to_vec()));
        let known = if tuple { format!("({})", &known[1..known.len() - 1]) } else { known };
        return Err(std::io::Error::other(format!(
            "No recognized column names in {}. Recognized columns are {known}.",
            python_repr(&Value::from(requested.to_vec())),
        )));
    }
    Ok(picked)
}

/// Sort key like cliff's `(value is None, value)`.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => python_str(a).cmp(&python_str(b)),
    }
}

fn render_list(
    columns: Vec<String>,
    mut rows: Vec<Vec<Cell>>,
    opts: &OutputOptions,
    out: &mut dyn Write,
    tuple: bool,
) -> std::io::Result<()> {
    // sort (stable, last key first, as cliff does)
    let mut sort_indexes = Vec::new();
    for wanted in &opts.sort_columns {
        if let Some(i) = columns
            .iter()
            .position(|c| c == wanted)
            .or_else(|| columns.iter().position(|c| normalize(c) == normalize(wanted)))
        {
            sort_indexes.push(i);
        }
    }
    for index in sort_indexes.iter().rev() {
        rows.sort_by(|a, b| {
            let ord = compare(&a[*index].machine, &b[*index].machine);
            if opts.sort_descending {
                ord.reverse()
            } else {
                ord
            }
        });
    }
    let picked = select(&columns, &opts.columns, tuple)?;
    let columns: Vec<String> = picked.iter().map(|i| columns[*i].clone()).collect();
    let rows: Vec<Vec<Cell>> = rows.into_iter().map(|r| picked.iter().map(|i| r[*i].clone()).collect()).collect();

    match opts.format {
        Format::Table => {
            if rows.is_empty() && !opts.print_empty {
                return writeln!(out);
            }
            let align: Vec<bool> = match rows.first() {
                Some(first) => first.iter().map(|c| !c.is_formattable() && c.machine.is_number()).collect(),
                None => vec![false; columns.len()],
            };
            let text: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(Cell::table_text).collect()).collect();
            let table = Table { headers: columns, rows: text, right_align: align, min_width: 8 };
            writeln!(out, "{}", table.render(opts))
        }
        Format::Json => {
            let items: Vec<Value> = rows
                .into_iter()
                .map(|r| Value::Object(columns.iter().cloned().zip(r.into_iter().map(|c| c.machine)).collect()))
                .collect();
            writeln!(out, "{}", python_json(&Value::Array(items), !opts.noindent))
        }
        Format::Yaml => {
            let items: Vec<Value> = rows
                .into_iter()
                .map(|r| Value::Object(columns.iter().cloned().zip(r.into_iter().map(|c| c.machine)).collect()))
                .collect();
            write!(out, "{}", crate::yaml::dump(&Value::Array(items)))
        }
        Format::Value => {
            for row in rows {
                writeln!(out, "{}", row.iter().map(|c| python_str(&c.machine)).collect::<Vec<_>>().join(" "))?;
            }
            Ok(())
        }
        Format::Csv | Format::Shell => {
            let header: Vec<Value> = columns.iter().map(|c| Value::String(c.clone())).collect();
            writeln!(out, "{}", csv_row(&header, opts.quote))?;
            for row in rows {
                let values: Vec<Value> = row
                    .into_iter()
                    .map(|c| if c.is_formattable() { Value::String(python_str(&c.machine)) } else { c.machine })
                    .collect();
                writeln!(out, "{}", csv_row(&values, opts.quote))?;
            }
            Ok(())
        }
    }
}

fn render_show(fields: Vec<(String, Cell)>, opts: &OutputOptions, out: &mut dyn Write) -> std::io::Result<()> {
    let names: Vec<String> = fields.iter().map(|f| f.0.clone()).collect();
    let picked = select(&names, &opts.columns, true)?;
    let fields: Vec<(String, Cell)> = picked.into_iter().map(|i| fields[i].clone()).collect();
    match opts.format {
        Format::Table if fields.is_empty() => writeln!(out),
        Format::Table => {
            let rows = fields.iter().map(|(name, cell)| vec![name.clone(), cell.table_text()]).collect();
            let table = Table {
                headers: vec!["Field".into(), "Value".into()],
                rows,
                right_align: vec![false, false],
                min_width: 16,
            };
            writeln!(out, "{}", table.render(opts))
        }
        Format::Json => {
            let object = Value::Object(fields.into_iter().map(|(k, c)| (k, c.machine)).collect());
            writeln!(out, "{}", python_json(&object, !opts.noindent))
        }
        Format::Yaml if fields.is_empty() => writeln!(out, "{{}}"),
        Format::Yaml => {
            // each field is dumped on its own, so fields keep the command's order
            for (name, cell) in fields {
                let one = Value::Object([(name, cell.machine)].into_iter().collect());
                write!(out, "{}", crate::yaml::dump(&one))?;
            }
            Ok(())
        }
        Format::Value => {
            for (_, cell) in fields {
                writeln!(out, "{}", python_str(&cell.machine))?;
            }
            Ok(())
        }
        Format::Csv | Format::Shell => {
            for (name, cell) in fields {
                let value = python_str(&cell.machine).replace('"', "\\\"");
                writeln!(out, "{}{}=\"{}\"", opts.prefix, shell_name(&name), value)?;
            }
            Ok(())
        }
    }
}

/// cliff's shell formatter variable names: lower case, non-alphanumerics become `_`.
fn shell_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect()
}

/// One CSV line as Python's csv module writes it (escapechar `\`, doubled quotes).
fn csv_row(values: &[Value], quote: Quote) -> String {
    values
        .iter()
        .map(|v| {
            let numeric = matches!(v, Value::Number(_) | Value::Bool(_));
            let text = match v {
                Value::Null => String::new(),
                other => python_str(other),
            };
            let needs = text.contains([',', '"', '\n', '\r']) || text.starts_with(' ');
            let quoted = match quote {
                Quote::All => true,
                Quote::Nonnumeric => !numeric,
                Quote::Minimal => needs,
                Quote::None => false,
            };
            if quoted {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else if quote == Quote::None {
                let mut escaped = String::new();
                for c in text.chars() {
                    if matches!(c, ',' | '"' | '\\' | '\n' | '\r') {
                        escaped.push('\\');
                    }
                    escaped.push(c);
                }
                escaped
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// JSON as Python's `json.dump` writes it: ASCII only, `indent=2` or `", "`/`": "` separators.
pub fn python_json(value: &Value, indent: bool) -> String {
    let mut out = String::new();
    write_json(value, indent, 0, &mut out);
    out
}

fn write_json(value: &Value, indent: bool, level: usize, out: &mut String) {
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(level));
    };
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !indent {
                        out.push(' ');
                    }
                }
                if indent {
                    newline(out, level + 1);
                }
                write_json(item, indent, level + 1, out);
            }
            if indent {
                newline(out, level);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !indent {
                        out.push(' ');
                    }
                }
                if indent {
                    newline(out, level + 1);
                }
                write_json_string(key, out);
                out.push_str(": ");
                write_json(item, indent, level + 1, out);
            }
            if indent {
                newline(out, level);
            }
            out.push('}');
        }
        Value::String(s) => write_json_string(s, out),
        Value::Number(n) => out.push_str(&python_number(n)),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
    }
}

fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A prettytable-compatible table.
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    right_align: Vec<bool>,
    min_width: usize,
}

impl Table {
    fn render(&self, opts: &OutputOptions) -> String {
        let natural: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                let cells = self.rows.iter().map(|r| widest_line(&r[i]));
                cells.chain(std::iter::once(widest_line(&self.headers[i]))).max().unwrap_or(0)
            })
            .collect();
        let widths = self.fit(&natural, opts);
        let border = format!("+{}+", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
        // prettytable centres everything until cliff sets alignments from the first row
        let header_align = if self.rows.is_empty() { None } else { Some(&self.right_align) };
        let mut lines = vec![border.clone()];
        lines.extend(self.render_row(&self.headers, &widths, header_align));
        lines.push(border.clone());
        for row in &self.rows {
            lines.extend(self.render_row(row, &widths, Some(&self.right_align)));
        }
        lines.push(border);
        lines.join("\n")
    }

    /// cliff's `_assign_max_widths`: shrink the widest columns to fit the terminal.
    fn fit(&self, natural: &[usize], opts: &OutputOptions) -> Vec<usize> {
        let term_width = if opts.max_width > 0 {
            opts.max_width as usize
        } else if opts.fit_width || is_tty() {
            match terminal_size::terminal_size() {
                Some((terminal_size::Width(w), _)) => w as usize,
                None => return natural.to_vec(),
            }
        } else {
            return natural.to_vec();
        };
        let total: usize = natural.iter().map(|w| w + 3).sum::<usize>() + 1;
        if total <= term_width || natural.is_empty() {
            return natural.to_vec();
        }
        let count = natural.len();
        let usable = term_width.saturating_sub(1 + 3 * count);
        let optimal = usable / count;
        let mut remaining = usable as i64;
        let mut shrink = Vec::new();
        for (i, w) in natural.iter().enumerate() {
            if *w <= optimal {
                remaining -= *w as i64;
            } else {
                shrink.push(i);
            }
        }
        let mut widths = natural.to_vec();
        if shrink.is_empty() {
            return widths;
        }
        let shrink_to = (remaining.max(0) as usize) / shrink.len();
        for i in &shrink[..shrink.len() - 1] {
            widths[*i] = shrink_to.max(self.min_width);
            remaining -= widths[*i] as i64;
        }
        let last = shrink[shrink.len() - 1];
        widths[last] = (remaining.max(0) as usize).max(self.min_width).min(natural[last]);
        widths
    }

    fn render_row(&self, cells: &[String], widths: &[usize], right: Option<&Vec<bool>>) -> Vec<String> {
        let wrapped: Vec<Vec<String>> = cells.iter().zip(widths).map(|(c, w)| wrap(c, *w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        (0..height)
            .map(|line| {
                let parts: Vec<String> = wrapped
                    .iter()
                    .enumerate()
                    .map(|(i, lines)| {
                        let text = lines.get(line).map(String::as_str).unwrap_or("");
                        let pad = widths[i].saturating_sub(display_width(text));
                        match right {
                            None => {
                                let left = pad / 2;
                                format!(" {}{}{} ", " ".repeat(left), text, " ".repeat(pad - left))
                            }
                            Some(r) if r[i] => format!(" {}{} ", " ".repeat(pad), text),
                            Some(_) => format!(" {}{} ", text, " ".repeat(pad)),
                        }
                    })
                    .collect();
                format!("|{}|", parts.join("|"))
            })
            .collect()
    }
}

fn is_tty() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

fn display_width(text: &str) -> usize {
    text.chars().count()
}

fn widest_line(text: &str) -> usize {
    text.split('\n').map(display_width).max().unwrap_or(0)
}

/// Split on newlines, then wrap each line at `width` on spaces (prettytable uses textwrap).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if display_width(line) <= width || width == 0 {
            out.push(line.to_string());
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            let mut word = word.to_string();
            if !current.is_empty() && display_width(&current) + 1 + display_width(&word) > width {
                out.push(std::mem::take(&mut current));
            }
            while display_width(&word) > width {
                let head: String = word.chars().take(width - display_width(&current).min(width)).collect();
                let head = if head.is_empty() { word.chars().take(width).collect() } else { head };
                let rest: String = word.chars().skip(head.chars().count()).collect();
                current.push_str(&head);
                out.push(std::mem::take(&mut current));
                word = rest;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&word);
        }
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use serde_json::json;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        out: OutputOptions,
    }

    fn opts(args: &[&str]) -> OutputOptions {
        Cli::parse_from(std::iter::once("x").chain(args.iter().copied())).out
    }

    fn print(output: Output, args: &[&str]) -> String {
        let mut buf = Vec::new();
        render(output, &opts(args), &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn flavors() -> Output {
        Output::list(
            &["ID", "Name", "RAM", "Is Public"],
            vec![
                vec!["330309e4".into(), "m1.tiny".into(), 512.into(), true.into()],
                vec!["2".into(), "m1.large, wide".into(), 16384.into(), false.into()],
            ],
        )
    }

    #[test]
    fn table_aligns_numbers_right_from_the_first_row() {
        assert_eq!(
            print(flavors(), &[]),
            "+----------+----------------+-------+-----------+\n\
             | ID       | Name           |   RAM | Is Public |\n\
             +----------+----------------+-------+-----------+\n\
             | 330309e4 | m1.tiny        |   512 | True      |\n\
             | 2        | m1.large, wide | 16384 | False     |\n\
             +----------+----------------+-------+-----------+\n"
        );
    }

    #[test]
    fn empty_tables_print_nothing_unless_asked() {
        let empty = || Output::list(&["ID", "Name"], vec![]);
        assert_eq!(print(empty(), &[]), "\n");
        assert_eq!(print(empty(), &["--print-empty"]), "+----+------+\n| ID | Name |\n+----+------+\n+----+------+\n");
        assert_eq!(print(empty(), &["-f", "json"]), "[]\n");
    }

    #[test]
    fn json_value_csv_yaml() {
        assert_eq!(
            print(flavors(), &["-f", "json", "-c", "Name", "-c", "RAM"]),
            "[\n  {\n    \"Name\": \"m1.tiny\",\n    \"RAM\": 512\n  },\n  {\n    \"Name\": \"m1.large, wide\",\n    \"RAM\": 16384\n  }\n]\n"
        );
        assert_eq!(
            print(flavors(), &["-f", "json", "--noindent", "-c", "ID"]),
            "[{\"ID\": \"330309e4\"}, {\"ID\": \"2\"}]\n"
        );
        assert_eq!(
            print(flavors(), &["-f", "value", "-c", "name", "-c", "is_public"]),
            "m1.tiny True\nm1.large, wide False\n"
        );
        assert_eq!(
            print(flavors(), &["-f", "csv"]),
            "\"ID\",\"Name\",\"RAM\",\"Is Public\"\n\"330309e4\",\"m1.tiny\",512,True\n\"2\",\"m1.large, wide\",16384,False\n"
        );
        assert_eq!(
            print(flavors(), &["-f", "csv", "--quote", "minimal", "-c", "Name"]),
            "Name\nm1.tiny\n\"m1.large, wide\"\n"
        );
        assert_eq!(
            print(flavors(), &["-f", "yaml", "-c", "Name", "-c", "RAM"]),
            "- Name: m1.tiny\n  RAM: 512\n- Name: m1.large, wide\n  RAM: 16384\n"
        );
    }

    #[test]
    fn sorting_and_unknown_columns() {
        assert_eq!(
            print(flavors(), &["-f", "value", "-c", "RAM", "--sort-column", "RAM", "--sort-descending"]),
            "16384\n512\n"
        );
        let mut buf = Vec::new();
        let err = render(flavors(), &opts(&["-c", "nope"]), &mut buf).unwrap_err();
        assert_eq!(
            err,
            "No recognized column names in ['nope']. Recognized columns are ('ID', 'Name', 'RAM', 'Is Public')."
        );
    }

    #[test]
    fn show_table_and_formatted_cells() {
        let show = Output::show_sorted(vec![
            ("name".into(), "vm".into()),
            ("addresses".into(), Cell::formatted(json!({"net": ["10.0.0.5"]}), "net=10.0.0.5")),
            ("description".into(), Value::Null.into()),
        ]);
        assert_eq!(
            print(show.clone(), &[]),
            "+-------------+--------------+\n\
             | Field       | Value        |\n\
             +-------------+--------------+\n\
             | addresses   | net=10.0.0.5 |\n\
             | description | None         |\n\
             | name        | vm           |\n\
             +-------------+--------------+\n"
        );
        assert_eq!(print(show.clone(), &["-f", "value"]), "{'net': ['10.0.0.5']}\nNone\nvm\n");
        assert_eq!(print(show, &["-f", "json"]), "{\n  \"addresses\": {\n    \"net\": [\n      \"10.0.0.5\"\n    ]\n  },\n  \"description\": null,\n  \"name\": \"vm\"\n}\n");
    }

    #[test]
    fn max_width_wraps_long_values() {
        let show = Output::Show(vec![("name".into(), "a b c d e f g h i j k l m n o p q r s t u v w x y z".into())]);
        let text = print(show, &["--max-width", "30"]);
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        assert!(text.lines().count() > 5);
    }

    #[test]
    fn python_forms() {
        assert_eq!(python_repr(&json!(["a", 1, null, true, {"k": "it's"}])), "['a', 1, None, True, {'k': \"it's\"}]");
        assert_eq!(python_json(&json!({"n": "é"}), false), "{\"n\": \"\\u00e9\"}");
        assert_eq!(python_str(&json!(1.0)), "1.0");
    }
}
