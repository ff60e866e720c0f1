//! A noun as data: python-openstackclient's list columns (header, value, formatter, the `--long`
//! extras) and show fields (name, API key, formatter), and the generic list, show and delete that
//! print them. A command file states its [`Noun`] and keeps only what is really its own: options,
//! request bodies, and the odd computed field.
//!
//! # Example
//! ```ignore
//! const ROUTER: Noun = Noun {
//!     what: "router",
//!     plural: "routers",
//!     list: &[Column::new("ID", "id", plain), Column::new("State", "admin_state_up", admin_state_column)],
//!     long: &[Column::new("Tags", "tags", list_column)],
//!     show: &[Field::new("admin_state_up", "admin_state_up", admin_state_column), Field::plain("id")],
//!     hidden: &["tenant_id"],
//! };
//! let output = ROUTER.list(&routers, args.long);
//! ```

use crate::commands::{delete_each, CommandResult};
use crate::format::{to_map, ShowFields};
use crate::output::{Cell, Output};
use ostack::{Api, Deletable, Resource};
use serde::Serialize;
use serde_json::{Map, Value};

/// How a value prints: the machine value and, for osc's formatted columns, the table text.
pub type Formatter = fn(Value) -> Cell;

/// The value as it is (no formatter in osc).
pub fn plain(value: Value) -> Cell {
    Cell::from(value)
}

/// A value computed from the whole API body.
pub type Compute = fn(&Map<String, Value>) -> Value;

/// Where a column's value comes from.
#[derive(Clone, Copy)]
pub enum Source {
    /// An API key (null when absent).
    Key(&'static str),
    /// Computed from the whole API body (osc's derived columns, e.g. a rule's port range).
    Computed(fn(&Map<String, Value>) -> Value),
}

impl Source {
    fn value(&self, raw: &Map<String, Value>) -> Value {
        match self {
            Source::Key(key) => raw.get(*key).cloned().unwrap_or(Value::Null),
            Source::Computed(compute) => compute(raw),
        }
    }
}

/// When a list column is shown: osc's `--long` sometimes inserts columns between the default
/// ones, or shows another header for the same value, rather than appending (a network's
/// `Status` comes before `Subnets`; a server's `Image` becomes `Image Name`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shown {
    /// With and without `--long`.
    Always,
    /// Only with `--long`, at its place in [`Noun::list`].
    WithLong,
    /// Only without `--long`.
    WithoutLong,
}

impl Shown {
    /// Whether a column so marked shows in a list with (`long`) or without `--long`.
    pub fn with(self, long: bool) -> bool {
        match self {
            Shown::Always => true,
            Shown::WithLong => long,
            Shown::WithoutLong => !long,
        }
    }
}

/// One column of a list command.
#[derive(Clone, Copy)]
pub struct Column {
    /// The header osc prints.
    pub header: &'static str,
    /// Where the value comes from.
    pub source: Source,
    /// How it prints.
    pub format: Formatter,
    /// Shown only when some row has a non-null value (osc adds a router's `Distributed` and `HA`
    /// this way).
    pub only_if_set: bool,
    /// With `--long`, without, or both ([`Shown::Always`] unless marked).
    pub shown: Shown,
}

impl Column {
    /// A column from API key `key`.
    pub const fn new(header: &'static str, key: &'static str, format: Formatter) -> Self {
        Column { header, source: Source::Key(key), format, only_if_set: false, shown: Shown::Always }
    }

    /// A column computed from the whole body.
    pub const fn computed(header: &'static str, compute: fn(&Map<String, Value>) -> Value, format: Formatter) -> Self {
        Column { header, source: Source::Computed(compute), format, only_if_set: false, shown: Shown::Always }
    }

    /// Shown only when some row has a value.
    pub const fn only_if_set(self) -> Self {
        Column { only_if_set: true, ..self }
    }

    /// Shown only with `--long`, where it stands in [`Noun::list`] (for the columns `--long`
    /// inserts rather than appends; appended ones go in [`Noun::long`]).
    pub const fn long_only(self) -> Self {
        Column { shown: Shown::WithLong, ..self }
    }

    /// Shown only without `--long` (a column `--long` replaces by another).
    pub const fn without_long(self) -> Self {
        Column { shown: Shown::WithoutLong, ..self }
    }
}

/// One field of a show command: the attribute osc shows under `name`, from API key `key`.
#[derive(Clone, Copy)]
pub struct Field {
    /// The name osc prints.
    pub name: &'static str,
    /// The API key (null when absent).
    pub key: &'static str,
    /// How it prints.
    pub format: Formatter,
    /// Shown only when the API sent a non-null value (osc hides a router's `ha` otherwise).
    pub only_if_set: bool,
    /// When set, the value is computed from the whole API body instead of read from `key`.
    pub compute: Option<Compute>,
}

impl Field {
    /// A field named `name` from API key `key`.
    pub const fn new(name: &'static str, key: &'static str, format: Formatter) -> Self {
        Field { name, key, format, only_if_set: false, compute: None }
    }

    /// A field computed from the whole API body (osc's derived fields, e.g. a server's
    /// `volumes_attached`). An API key named `name` is taken as shown by it.
    pub const fn computed(name: &'static str, compute: Compute, format: Formatter) -> Self {
        Field { name, key: name, format, only_if_set: false, compute: Some(compute) }
    }

    /// A field printed as it is, named as its API key.
    pub const fn plain(key: &'static str) -> Self {
        Field::new(key, key, plain)
    }

    /// Shown only when set.
    pub const fn only_if_set(self) -> Self {
        Field { only_if_set: true, ..self }
    }
}

/// A noun's columns and fields as python-openstackclient prints them.
pub struct Noun {
    /// As osc names one in delete errors: "Failed to delete <what> with name or ID '<x>'".
    pub what: &'static str,
    /// As osc counts them: "N of M <plural> failed to delete."
    pub plural: &'static str,
    /// The default list columns (with those `--long` inserts among them, marked
    /// [`Column::long_only`]).
    pub list: &'static [Column],
    /// The columns `--long` adds after them.
    pub long: &'static [Column],
    /// The show fields osc derives from the openstacksdk resource's attributes. Every API key not
    /// listed here nor in `hidden` is shown too, as it is (neutron's unknown attributes), and the
    /// whole is sorted by name, as `get_osc_show_columns_for_sdk_resource` does.
    pub show: &'static [Field],
    /// API keys never shown (`tenant_id`, ...).
    pub hidden: &'static [&'static str],
}

impl Noun {
    /// The columns of a list, with `--long` or without.
    pub fn columns(&self, long: bool) -> Vec<&'static Column> {
        let extra: &'static [Column] = if long { self.long } else { &[] };
        self.list.iter().filter(|c| c.shown.with(long)).chain(extra).collect()
    }

    /// A list of `items` with the default or `--long` columns.
    pub fn list<T: Serialize>(&self, items: &[T], long: bool) -> Output {
        list_of(items, &self.columns(long))
    }

    /// A show of `item` with osc's formatters.
    pub fn show<T: Serialize>(&self, item: &T) -> Output {
        self.fields(to_map(item), true).sorted()
    }

    /// A show of `item` printed as it is: the commands where osc passes no formatters.
    pub fn show_plain<T: Serialize>(&self, item: &T) -> Output {
        self.fields(to_map(item), false).sorted()
    }

    /// A show of `item` with only the [`Noun::show`] fields, sorted (see [`Noun::fixed_fields`]).
    pub fn show_fixed<T: Serialize>(&self, item: &T) -> Output {
        self.fixed_fields(to_map(item), true).sorted()
    }

    /// The show fields of an API body, to add computed ones before sorting.
    pub fn fields(&self, raw: Map<String, Value>, formatted: bool) -> ShowFields {
        let mut fields = self.fixed_fields(raw, formatted);
        fields.unknown_keys();
        fields
    }

    /// The [`Noun::show`] fields of an API body alone, in their order, without the API keys not
    /// listed: for the commands whose openstacksdk resource has a fixed set of attributes
    /// (compute, image, a port), to sort, add computed fields, or print in osc's order.
    pub fn fixed_fields(&self, raw: Map<String, Value>, formatted: bool) -> ShowFields {
        let mut fields = ShowFields::new(raw);
        fields.hide(self.hidden);
        for field in self.show {
            let value = match field.compute {
                Some(compute) => compute(fields.raw()),
                None => fields.get(field.key),
            };
            fields.hide(&[field.key]);
            if field.only_if_set && value.is_null() {
                continue;
            }
            let cell = if formatted { (field.format)(value) } else { Cell::from(value) };
            fields.computed(field.name, cell);
        }
        fields
    }

    /// Find each name and delete it, reporting failures as osc does.
    pub async fn delete<R: Deletable>(&self, api: &Api<R>, names: &[String]) -> CommandResult {
        delete_each(names, &format!("{} with name or ID", self.what), self.plural, |name| {
            let api = api.clone();
            async move {
                let found = api.find(&name).await?;
                Ok(api.delete(found.id()).await?)
            }
        })
        .await
    }
}

/// A list of `items` with these columns (those marked [`Column::only_if_set`] only when some row
/// has a value).
pub fn list_of<T: Serialize>(items: &[T], columns: &[&Column]) -> Output {
    let raws: Vec<Map<String, Value>> = items.iter().map(to_map).collect();
    let shown: Vec<&Column> = columns
        .iter()
        .copied()
        .filter(|c| !c.only_if_set || raws.iter().any(|raw| !c.source.value(raw).is_null()))
        .collect();
    let rows = raws.iter().map(|raw| shown.iter().map(|c| (c.format)(c.source.value(raw))).collect()).collect();
    let headers: Vec<&str> = shown.iter().map(|c| c.header).collect();
    Output::list(&headers, rows)
}

/// A list whose column names osc holds in a Python list rather than a tuple (a port's): it
/// shows in the unknown-column error. Anything else is returned as it is.
pub fn in_python_list(output: Output) -> Output {
    match output {
        Output::List { columns, rows } => Output::ListOfList { columns, rows },
        other => other,
    }
}

/// The id of a `<name or id>` option, when given.
pub async fn find_id<R: Resource>(
    api: &Api<R>,
    name_or_id: Option<&str>,
) -> Result<Option<String>, crate::errors::CliError> {
    match name_or_id {
        Some(name) => Ok(Some(api.find(name).await?.id().to_string())),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::admin_state_column;
    use serde_json::json;

    const THING: Noun = Noun {
        what: "thing",
        plural: "things",
        list: &[
            Column::new("ID", "id", plain),
            Column::new("State", "admin_state_up", admin_state_column),
            Column::new("HA", "ha", plain).only_if_set(),
        ],
        long: &[Column::computed("Size", |raw| json!(raw.len()), plain)],
        show: &[
            Field::new("state", "admin_state_up", admin_state_column),
            Field::plain("id"),
            Field::plain("missing"),
            Field::plain("ha").only_if_set(),
        ],
        hidden: &["tenant_id"],
    };

    fn print(output: Output, args: &[&str]) -> String {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            out: crate::output::OutputOptions,
        }
        let opts = Cli::parse_from(std::iter::once("x").chain(args.iter().copied())).out;
        let mut buf = Vec::new();
        crate::output::render(output, &opts, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn list_columns_long_and_only_if_set() {
        let items = [json!({"id": "a", "admin_state_up": true}), json!({"id": "b", "admin_state_up": false})];
        // CSV has the machine value, tables the formatted one
        assert_eq!(
            print(THING.list(&items, false), &["-f", "csv"]),
            "\"ID\",\"State\"\n\"a\",\"True\"\n\"b\",\"False\"\n"
        );
        assert!(print(THING.list(&items, false), &[]).contains("| b  | DOWN  |"));
        assert_eq!(
            print(THING.list(&items, true), &["-f", "json", "--noindent"]),
            "[{\"ID\": \"a\", \"State\": true, \"Size\": 2}, {\"ID\": \"b\", \"State\": false, \"Size\": 2}]\n"
        );
        // one row with a value shows the column for all
        let items = [json!({"id": "a"}), json!({"id": "b", "ha": false})];
        assert_eq!(print(THING.list(&items, false), &["-f", "value", "-c", "HA"]), "None\nFalse\n");
    }

    #[test]
    fn long_inserts_and_replaces_columns_among_the_default_ones() {
        const NET: Noun = Noun {
            what: "net",
            plural: "nets",
            list: &[
                Column::new("ID", "id", plain),
                Column::new("Status", "status", plain).long_only(),
                Column::new("Subnets", "subnets", plain).without_long(),
                Column::new("Subnet IDs", "subnets", plain).long_only(),
            ],
            long: &[Column::new("Tags", "tags", plain)],
            show: &[],
            hidden: &[],
        };
        let items = [json!({"id": "a", "status": "ACTIVE", "subnets": "s", "tags": "t"})];
        assert_eq!(print(NET.list(&items, false), &["-f", "csv"]), "\"ID\",\"Subnets\"\n\"a\",\"s\"\n");
        assert_eq!(
            print(NET.list(&items, true), &["-f", "csv"]),
            "\"ID\",\"Status\",\"Subnet IDs\",\"Tags\"\n\"a\",\"ACTIVE\",\"s\",\"t\"\n"
        );
    }

    #[test]
    fn fixed_fields_computed_and_in_order() {
        const PORTISH: Noun = Noun {
            what: "p",
            plural: "ps",
            list: &[Column::new("ID", "id", plain)],
            long: &[],
            show: &[
                Field::plain("zeta"),
                Field::computed("hints", |raw| json!(raw.len()), plain),
                Field::new("state", "admin_state_up", admin_state_column),
            ],
            hidden: &[],
        };
        let item = json!({"id": "a", "zeta": 1, "admin_state_up": true, "hints": "sent"});
        // only the listed fields, in their order; the computed one sees the whole body
        assert_eq!(
            print(PORTISH.fixed_fields(to_map(&item), true).in_order(), &["-f", "json", "--noindent"]),
            "{\"zeta\": 1, \"hints\": 4, \"state\": true}\n"
        );
        // the generic show adds the unknown keys, but not the one a computed field stands for
        assert_eq!(
            print(PORTISH.show(&item), &["-f", "json", "--noindent"]),
            "{\"hints\": 4, \"id\": \"a\", \"state\": true, \"zeta\": 1}\n"
        );
        let list = in_python_list(PORTISH.list(&[item], false));
        assert!(matches!(list, Output::ListOfList { .. }));
        assert_eq!(print(list, &["-f", "value"]), "a\n");
    }

    #[test]
    fn show_fields_known_unknown_hidden_sorted() {
        let item = json!({"id": "a", "admin_state_up": true, "tenant_id": "p", "zeta": 1, "alpha": [1]});
        assert_eq!(
            print(THING.show(&item), &["-f", "json", "--noindent"]),
            "{\"alpha\": [1], \"id\": \"a\", \"missing\": null, \"state\": true, \"zeta\": 1}\n"
        );
        assert_eq!(print(THING.show(&item), &["-f", "value", "-c", "state"]), "True\n");
        let item = json!({"id": "a", "admin_state_up": false, "ha": true});
        assert_eq!(print(THING.show(&item), &["-f", "value", "-c", "state", "-c", "ha"]), "True\nFalse\n");
        assert!(print(THING.show(&item), &[]).contains("| state   | DOWN  |"));
        // show_plain: no formatters
        assert!(print(THING.show_plain(&item), &[]).contains("| state   | False |"));
    }
}
