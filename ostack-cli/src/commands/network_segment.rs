//! `network segment create|list|show|set|delete` (and `network segment range ...`, in
//! [`super::network_segment_range`]).

use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::noun::{find_id, plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateSegment, NeutronListOptions, SegmentQuery, UpdateSegment};

/// python-openstackclient's segment columns (`openstackclient/network/v2/network_segment.py`);
/// the show has the openstacksdk segment's attributes only.
const SEGMENT: Noun = Noun {
    what: "network segment",
    plural: "network segments",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Network", "network_id", plain),
        Column::new("Network Type", "network_type", plain),
        Column::new("Segment", "segmentation_id", plain),
    ],
    long: &[Column::new("Physical Network", "physical_network", plain)],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("name"),
        Field::plain("network_id"),
        Field::plain("network_type"),
        Field::plain("physical_network"),
        Field::plain("revision_number"),
        Field::plain("segmentation_id"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

/// Network segment commands.
#[derive(Subcommand)]
pub enum SegmentCommand {
    /// Create a segment.
    Create(CreateArgs),
    /// List segments.
    List(ListArgs),
    /// Show a segment.
    Show {
        /// Segment name or id.
        #[arg(value_name = "network-segment")]
        network_segment: String,
    },
    /// Change a segment.
    Set(SetArgs),
    /// Delete segments.
    Delete {
        /// Segment names or ids.
        #[arg(required = true, value_name = "network-segment")]
        network_segments: Vec<String>,
    },
    /// Network segment ranges (`network segment range ...`).
    #[command(subcommand)]
    Range(super::network_segment_range::RangeCommand),
}

/// `network segment create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Physical network.
    #[arg(long = "physical-network", value_name = "physical-network")]
    physical_network: Option<String>,
    /// Segmentation id (VLAN id, VNI).
    #[arg(long)]
    segment: Option<i64>,
    /// The network (name or id).
    #[arg(long, required = true)]
    network: String,
    /// Network type.
    #[arg(long = "network-type", value_name = "network-type", required = true,
          value_parser = ["flat", "geneve", "gre", "local", "vlan", "vxlan"])]
    network_type: String,
}

/// `network segment list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// By network (name or id).
    #[arg(long)]
    network: Option<String>,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `network segment set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Segment name or id.
    #[arg(value_name = "network-segment")]
    network_segment: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// New name.
    #[arg(long)]
    name: Option<String>,
}

impl SegmentCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            SegmentCommand::Create(_) => Some("network segment create"),
            SegmentCommand::Show { .. } => Some("network segment show"),
            SegmentCommand::Range(command) => command.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let segments = net.segments();
        match self {
            SegmentCommand::Range(command) => command.run(ctx).await,
            SegmentCommand::Create(args) => {
                let body = CreateSegment {
                    name: Some(args.name),
                    description: args.description,
                    physical_network: args.physical_network,
                    segmentation_id: args.segment,
                    ..CreateSegment::new(net.networks().find(&args.network).await?.id, args.network_type)
                };
                Ok(SEGMENT.show_fixed(&segments.create(&body).await?))
            }
            SegmentCommand::List(args) => {
                let query = SegmentQuery {
                    network_id: find_id(&net.networks(), args.network.as_deref()).await?,
                    common: NeutronListOptions { limit: args.limit, marker: args.marker, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<_> = segments.list(&query).try_collect().await?;
                Ok(SEGMENT.list(&found, args.long))
            }
            SegmentCommand::Show { network_segment } => Ok(SEGMENT.show_fixed(&segments.find(&network_segment).await?)),
            SegmentCommand::Set(args) => {
                let found = segments.find(&args.network_segment).await?;
                let body = UpdateSegment { name: args.name, description: args.description, ..Default::default() };
                segments.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            SegmentCommand::Delete { network_segments } => {
                delete_each(&network_segments, "network segment with ID", "network segments", |name| {
                    let segments = segments.clone();
                    async move {
                        let found = segments.find(&name).await?;
                        Ok(segments.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}
