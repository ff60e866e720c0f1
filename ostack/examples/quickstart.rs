//! The README quickstart: list servers of the cloud named by `OS_CLOUD`.

use futures::TryStreamExt;
use ostack::Connection;

#[tokio::main]
async fn main() -> ostack::Result<()> {
    let conn = Connection::from_env().await?; // OS_CLOUD / clouds.yaml / OS_* vars, like openstacksdk
    let mut servers = conn.compute().servers().list(&Default::default()); // GET /servers/detail, lazily paged
    while let Some(server) = servers.try_next().await? {
        println!("{} {} {:?}", server.id, server.name, server.status);
    }
    Ok(())
}
