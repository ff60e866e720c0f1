//! Placement's generations: every write to a resource provider carries the generation it was
//! based on, and fails with a generation conflict when someone else wrote in between. The answer
//! is to read the provider again and retry: [`add_trait`] is that loop.
//!
//! Run it against a cloud (admin): `OS_CLOUD=devcloud cargo run --example placement_generation`.
//! It creates a provider and a custom trait, makes its own view of the provider stale, adds the
//! trait through the loop (two attempts), and removes what it made.

use ostack::placement::v1::{CreateResourceProvider, Inventory, ProviderTraits};
use ostack::{Connection, Error, Result};

/// Attempts before giving up (each conflict means another writer got there first).
pub const MAX_ATTEMPTS: u32 = 5;

/// Add `trait_name` to a provider's traits, starting from `known`, a view of them read earlier
/// (it may be stale). On a generation conflict the traits are read again and the write retried
/// with the new generation. Returns the provider's traits after the write and the attempts made.
pub async fn add_trait(
    conn: &Connection,
    provider: &str,
    trait_name: &str,
    mut known: ProviderTraits,
) -> Result<(ProviderTraits, u32)> {
    let providers = conn.placement().resource_providers();
    for attempt in 1..=MAX_ATTEMPTS {
        let mut wanted = known.traits.clone();
        if !wanted.iter().any(|t| t == trait_name) {
            wanted.push(trait_name.to_string());
        }
        match providers.set_traits(provider, &wanted, known.resource_provider_generation).await {
            Ok(now) => return Ok((now, attempt)),
            // someone else changed the provider: start again from what it is now
            Err(e) if e.is_generation_conflict() => known = providers.traits(provider).await?,
            Err(e) => return Err(e),
        }
    }
    Err(Error::InvalidInput(format!("provider {provider}: still a generation conflict after {MAX_ATTEMPTS} attempts")))
}

#[allow(dead_code)] // the functional tests include this file for `add_trait`
#[tokio::main]
async fn main() -> Result<()> {
    let conn = Connection::from_env().await?;
    let providers = conn.placement().resource_providers();
    let suffix = std::process::id();
    let trait_name = format!("CUSTOM_OSTACK_EXAMPLE_{suffix}");
    conn.placement().traits().create(&trait_name).await?;
    let rp = providers.create(&CreateResourceProvider::new(format!("ostack-example-{suffix}"))).await?;
    let outcome = async {
        let stale = providers.traits(&rp.id).await?;
        // another writer: an inventory change moves the generation on
        providers.add_inventory(&rp.id, "VCPU", rp.generation, &Inventory::total(8)).await?;
        let (traits, attempts) = add_trait(&conn, &rp.id, &trait_name, stale).await?;
        println!("provider {} has traits {:?} after {attempts} attempts", rp.id, traits.traits);
        Ok::<_, Error>(())
    }
    .await;
    providers.delete(&rp.id).await?;
    conn.placement().traits().delete(&trait_name).await?;
    outcome
}
