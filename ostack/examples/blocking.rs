//! The SDK without async: list the flavors and networks of the cloud named by `OS_CLOUD`, then
//! create a network and delete it again.
//!
//! `OS_CLOUD=devcloud cargo run -p ostack --example blocking`

use ostack::blocking::Connection;
use ostack::network::v2::{CreateNetwork, NetworkQuery, UpdateNetwork};

fn main() -> ostack::Result<()> {
    let conn = Connection::from_env()?; // OS_CLOUD / clouds.yaml / OS_* variables, no runtime to set up

    println!("flavors:");
    for flavor in conn.compute().flavors().list(&Default::default()) {
        let flavor = flavor?; // pages are fetched as the iterator reaches them
        println!("  {:<12} {:>6} MiB {:>2} vCPU {:>3} GiB", flavor.name, flavor.ram, flavor.vcpus, flavor.disk);
    }

    let networks = conn.network().networks();
    println!("networks:");
    for network in networks.list(&NetworkQuery::default()).collect_all()? {
        println!("  {} {:<20} external: {}", network.id, network.name, network.external.unwrap_or(false));
    }

    let name = format!("ostack-blocking-example-{}", std::process::id());
    let created = networks.create(&CreateNetwork::new(&name))?;
    println!("created {} ({})", created.name, created.id);
    let renamed =
        networks.update(&created.id, &UpdateNetwork { name: Some(format!("{name}-2")), ..Default::default() })?;
    println!("renamed to {}", renamed.name);
    networks.delete(&created.id)?;
    println!("deleted {}", created.id);
    Ok(())
}
