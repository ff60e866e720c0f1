//! `trait create|list|show|delete`, as osc-placement 4.9 names and prints them (1.6).

use super::placement::{at_least, names, osc_error, placement};
use super::CommandResult;
use crate::context::Context;
use crate::output::{Cell, Output};
use clap::Subcommand;
use ostack::placement::v1::TraitQuery;

/// `trait ...` commands.
#[derive(Subcommand)]
pub enum TraitCommand {
    /// Create a new custom trait.
    Create {
        /// Name of the trait.
        name: String,
    },
    /// Return a list of valid trait strings.
    List {
        /// `startswith:<prefix>` or `in:<a>,<b>`.
        #[arg(long)]
        name: Option<String>,
        /// Only traits associated with at least one resource provider.
        #[arg(long)]
        associated: bool,
    },
    /// Check if a trait name exists in this cloud.
    Show {
        /// Name of the trait.
        name: String,
    },
    /// Delete a trait.
    Delete {
        /// Name of the trait.
        name: String,
    },
}

impl TraitCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        matches!(self, TraitCommand::Show { .. }).then_some("trait show")
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let (conn, version) = placement(ctx).await?;
        at_least(version, (1, 6))?;
        let traits = conn.placement().traits();
        let result: CommandResult = async {
            Ok(match self {
                TraitCommand::Create { name } => traits.create(&name).await.map(|_| Output::Nothing)?,
                TraitCommand::List { name, associated } => {
                    let query = TraitQuery { name, associated: associated.then_some(true) };
                    names("name", traits.list(&query).await?)
                }
                TraitCommand::Show { name } => {
                    // a 404 is the answer osc-placement prints
                    let path = format!("traits/{name}");
                    let request =
                        conn.request(ostack::ServiceType::Placement, ostack::session::Method::GET, &path).await?;
                    conn.fetch(request).await?;
                    Output::Show(vec![("name".into(), Cell::from(name))])
                }
                TraitCommand::Delete { name } => traits.delete(&name).await.map(|_| Output::Nothing)?,
            })
        }
        .await;
        result.map_err(osc_error)
    }
}
