//! `extension list --network` and `extension show` (network extensions, as osc shows).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Field, Noun};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::network::v2::ExtensionQuery;
use serde_json::{Map, Value};

/// The openstacksdk network extension has no namespace: osc shows `''`.
fn no_namespace(_raw: &Map<String, Value>) -> Value {
    Value::String(String::new())
}

/// python-openstackclient's extension columns (`openstackclient/common/extension.py`).
const EXTENSION: Noun = Noun {
    what: "extension",
    plural: "extensions",
    list: &[
        Column::new("Name", "name", plain),
        Column::new("Alias", "alias", plain),
        Column::new("Description", "description", plain),
    ],
    long: &[
        Column::computed("Namespace", no_namespace, plain),
        Column::new("Updated At", "updated", plain),
        Column::new("Links", "links", plain),
    ],
    show: &[
        Field::plain("alias"),
        Field::plain("description"),
        Field::plain("name"),
        Field::new("updated_at", "updated", plain),
    ],
    hidden: &[],
};

/// Extension commands.
#[derive(Subcommand)]
pub enum ExtensionCommand {
    /// List API extensions (network only in ostack: give --network).
    List {
        /// Compute extensions (not in ostack).
        #[arg(long)]
        compute: bool,
        /// Identity extensions (not in ostack).
        #[arg(long)]
        identity: bool,
        /// Network extensions.
        #[arg(long)]
        network: bool,
        /// Block storage extensions (not in ostack).
        #[arg(long)]
        volume: bool,
        /// More columns.
        #[arg(long)]
        long: bool,
    },
    /// Show a network extension.
    Show {
        /// Extension name or alias.
        extension: String,
    },
}

impl ExtensionCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ExtensionCommand::Show { .. } => Some("extension show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let extensions = ctx.conn.network().extensions();
        match self {
            ExtensionCommand::List { compute, identity, network, volume, long } => {
                if compute || identity || volume || !network {
                    return Err(CliError::Message(
                        "ostack lists network extensions only: use `extension list --network`".into(),
                    ));
                }
                let found: Vec<_> = extensions.list(&ExtensionQuery::default()).try_collect().await?;
                let mut rows: Vec<Map<String, Value>> = found.iter().map(crate::format::to_map).collect();
                for row in &mut rows {
                    row.entry("links").or_insert_with(|| Value::Array(Vec::new()));
                }
                Ok(EXTENSION.list(&rows, long))
            }
            ExtensionCommand::Show { extension } => Ok(EXTENSION.show_fixed(&extensions.find(&extension).await?)),
        }
    }
}
