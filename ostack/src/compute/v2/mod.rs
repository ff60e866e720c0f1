//! Compute (nova) API v2.1.

mod flavor;
mod keypair;
mod proxy;
mod server;

pub use flavor::{CreateFlavor, Flavor, FlavorQuery};
pub use keypair::{CreateKeypair, Keypair, KeypairQuery};
pub use proxy::ComputeProxy;
pub use server::{
    BlockDeviceMapping, CreateServer, Link, NamedRef, RebootType, Server, ServerAddress, ServerFlavor, ServerImage,
    ServerNetwork, ServerNetworks, ServerQuery, ServerStatus, UpdateServer,
};
