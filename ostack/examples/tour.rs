//! A tour of ostack against a real cloud (the devcloud, as admin): catalog, network, image,
//! flavor, keypair, a server booted, paged, rebooted — and everything deleted again.
//!
//! Run with `make tour`, or `eval "$(devcloud/env)" && cargo run --example tour`.

use futures::TryStreamExt;
use ostack::compute::v2::{CreateFlavor, CreateServer, RebootType, ServerNetwork, ServerQuery};
use ostack::image::v2::CreateImage;
use ostack::network::v2::{CreateNetwork, CreateSubnet};
use ostack::{Connection, Result};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(180);

/// What the tour created, deleted at the end whatever happened.
#[derive(Default)]
struct Created {
    network: Option<String>,
    image: Option<String>,
    flavor: Option<String>,
    keypair: Option<String>,
    server: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    // RUST_LOG=ostack=debug (or trace, with request and response bodies, secrets redacted) logs
    // every call on stderr
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let started = Instant::now();
    let conn = match Connection::from_env().await {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("tour: cannot connect: {e}\nhint: devcloud/up && eval \"$(devcloud/env)\"");
            return ExitCode::FAILURE;
        }
    };
    let mut created = Created::default();
    let result = tour(&conn, &mut created).await;
    let cleanup = clean_up(&conn, &created).await;
    match (result, cleanup) {
        (Ok(()), Ok(())) => {
            println!("tour: done in {:.1}s, everything it created is deleted", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        (Err((step, e)), _) => {
            eprintln!("tour: FAILED at step '{step}': {e}");
            ExitCode::FAILURE
        }
        (Ok(()), Err(e)) => {
            eprintln!("tour: FAILED while deleting what it created: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Attach the step name to an error.
trait Step<T> {
    fn step(self, name: &'static str) -> std::result::Result<T, (&'static str, ostack::Error)>;
}

impl<T> Step<T> for Result<T> {
    fn step(self, name: &'static str) -> std::result::Result<T, (&'static str, ostack::Error)> {
        self.map_err(|e| (name, e))
    }
}

async fn tour(conn: &Connection, created: &mut Created) -> std::result::Result<(), (&'static str, ostack::Error)> {
    let suffix = std::process::id();

    println!("== catalog of cloud '{}'", conn.config().name.as_deref().unwrap_or("(env)"));
    let catalog = conn.catalog().await.step("catalog")?;
    for service in &catalog.services {
        for endpoint in service.endpoints.iter().filter(|e| e.interface == conn.config().interface) {
            println!("  {:<14} {:<10} {}", service.service_type, service.name, endpoint.url);
        }
    }
    let microversion = conn.compute().microversion().await.step("compute version discovery")?;
    println!("  compute microversion in use: {}", microversion.map(|m| m.to_string()).unwrap_or("none".into()));

    println!("== network and subnet");
    let network = conn
        .network()
        .networks()
        .create(&CreateNetwork::new(format!("tour-net-{suffix}")))
        .await
        .step("create network")?;
    created.network = Some(network.id.clone());
    let subnet = conn
        .network()
        .subnets()
        .create(&CreateSubnet {
            name: Some(format!("tour-subnet-{suffix}")),
            ..CreateSubnet::new(&network.id, "10.99.0.0/24")
        })
        .await
        .step("create subnet")?;
    println!("  network {} ({}) with subnet {} {}", network.name, network.id, subnet.name, subnet.cidr);

    println!("== image");
    let image = conn
        .image()
        .images()
        .create(&CreateImage::new(format!("tour-image-{suffix}"), "raw", "bare"))
        .await
        .step("create image")?;
    created.image = Some(image.id.clone());
    let data = vec![0u8; 1024 * 1024];
    conn.image().images().upload_bytes(&image.id, data).await.step("upload image data")?;
    let image = conn.image().images().wait_until(&image.id, "active", TIMEOUT).await.step("wait for image")?;
    println!(
        "  image {} is {} ({} bytes)",
        image.name,
        image.status.as_ref().map(|s| s.as_str()).unwrap_or("?"),
        image.size.unwrap_or(0)
    );

    println!("== flavor and keypair");
    let flavor = conn
        .compute()
        .flavors()
        .create(&CreateFlavor::new(format!("tour-flavor-{suffix}"), 256, 1, 1))
        .await
        .step("create flavor")?;
    created.flavor = Some(flavor.id.clone());
    println!("  flavor {} ({} MB, {} vCPU, {} GB)", flavor.name, flavor.ram, flavor.vcpus, flavor.disk);
    let (keypair, _private_key) =
        conn.compute().keypairs().generate(&format!("tour-key-{suffix}")).await.step("create keypair")?;
    created.keypair = Some(keypair.name.clone());
    println!("  keypair {} {}", keypair.name, keypair.fingerprint.as_deref().unwrap_or(""));

    println!("== server");
    let body = CreateServer::new(format!("tour-vm-{suffix}"), &flavor.id)
        .image(&image.id)
        .network(ServerNetwork::network(&network.id))
        .key_name(&keypair.name)
        .metadata("created-by", "ostack tour");
    let server = conn.compute().servers().create(&body).await.step("create server")?;
    created.server = Some(server.id.clone());
    let boot = Instant::now();
    let server = conn.compute().servers().wait_until(&server.id, "ACTIVE", TIMEOUT).await.step("wait for ACTIVE")?;
    let ip = server.ips().next().unwrap_or("(none)").to_string();
    println!("  {} is ACTIVE after {:.1}s with IP {ip}", server.name, boot.elapsed().as_secs_f64());

    println!("== servers, page by page (limit=1)");
    let mut pages = conn.compute().servers().list(&ServerQuery { limit: Some(1), ..Default::default() }).into_pages();
    let mut page_number = 0;
    while let Some(page) = pages.try_next().await.step("list servers")? {
        page_number += 1;
        for s in page {
            println!(
                "  page {page_number}: {} {} {}",
                s.id,
                s.name,
                s.status.map(|st| st.to_string()).unwrap_or_default()
            );
        }
    }

    println!("== reboot");
    conn.compute().servers().reboot(&server.id, RebootType::Soft).await.step("reboot server")?;
    let server = conn.compute().servers().wait_until(&server.id, "ACTIVE", TIMEOUT).await.step("wait for reboot")?;
    println!("  {} rebooted, {}", server.name, server.status.map(|s| s.to_string()).unwrap_or_default());
    Ok(())
}

/// Delete what the tour created, newest first; report the first failure.
async fn clean_up(conn: &Connection, created: &Created) -> Result<()> {
    println!("== clean up");
    let mut first_error = None;
    let mut note = |r: Result<()>, what: &str| match r {
        Ok(()) => println!("  deleted {what}"),
        Err(e) if e.is_not_found() => {}
        Err(e) => {
            eprintln!("  could not delete {what}: {e}");
            first_error.get_or_insert(e);
        }
    };
    if let Some(id) = &created.server {
        let r = async {
            conn.compute().servers().delete(id).await?;
            conn.compute().servers().wait_for_delete(id, TIMEOUT).await
        }
        .await;
        note(r, "server");
    }
    if let Some(name) = &created.keypair {
        note(conn.compute().keypairs().delete(name).await, "keypair");
    }
    if let Some(id) = &created.flavor {
        note(conn.compute().flavors().delete(id).await, "flavor");
    }
    if let Some(id) = &created.image {
        note(conn.image().images().delete(id).await, "image");
    }
    if let Some(id) = &created.network {
        // the server's port is released asynchronously: retry while neutron says the network is in use
        let mut r = conn.network().networks().delete(id).await;
        for _ in 0..30 {
            match &r {
                Err(e) if e.status() == Some(409) => {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    r = conn.network().networks().delete(id).await;
                }
                _ => break,
            }
        }
        note(r, "network and subnet");
    }
    match first_error {
        None => Ok(()),
        Some(e) => Err(e),
    }
}
