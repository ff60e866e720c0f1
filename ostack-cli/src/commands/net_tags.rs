//! Neutron tags as osc-lib's `utils/tags.py` handles them: `--tag`/`--no-tag` on create and set,
//! `--tag`/`--all-tag` on unset, `--tags`/`--any-tags`/`--not-tags`/`--not-any-tags` on list.

use crate::errors::CliError;
use crate::format::to_map;
use clap::Args;
use ostack::network::v2::{NeutronListOptions, Taggable};
use ostack::Api;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// `--tag`/`--no-tag` of a create command (one or the other).
#[derive(Args, Default)]
pub struct CreateTags {
    /// Tag to be added (repeat option to set multiple tags).
    #[arg(long = "tag", value_name = "tag", conflicts_with = "no_tag")]
    tags: Vec<String>,
    /// No tags.
    #[arg(long = "no-tag")]
    no_tag: bool,
}

/// `--tag`/`--no-tag` of a set command (both: replace the tags).
#[derive(Args, Default)]
pub struct SetTags {
    /// Tag to be added (repeat option to set multiple tags).
    #[arg(long = "tag", value_name = "tag")]
    tags: Vec<String>,
    /// Clear the tags (with --tag: overwrite them).
    #[arg(long = "no-tag")]
    no_tag: bool,
}

/// `--tag`/`--all-tag` of an unset command.
#[derive(Args, Default)]
pub struct UnsetTags {
    /// Tag to be removed (repeat option to remove multiple tags).
    #[arg(long = "tag", value_name = "tag", conflicts_with = "all_tag")]
    tags: Vec<String>,
    /// Clear all tags.
    #[arg(long = "all-tag")]
    all_tag: bool,
}

/// The tag filters of a list command (each a comma-separated list).
#[derive(Args, Default)]
pub struct TagFilters {
    /// Having all these tags.
    #[arg(long, value_name = "tag>[,<tag>,...")]
    tags: Option<String>,
    /// Having any of these tags.
    #[arg(long = "any-tags", value_name = "tag>[,<tag>,...")]
    any_tags: Option<String>,
    /// Not having all these tags.
    #[arg(long = "not-tags", value_name = "tag>[,<tag>,...")]
    not_tags: Option<String>,
    /// Having none of these tags.
    #[arg(long = "not-any-tags", value_name = "tag>[,<tag>,...")]
    not_any_tags: Option<String>,
}

/// osc passes an empty filter as no filter.
fn nonempty(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

impl TagFilters {
    /// These filters added to neutron's list options.
    pub fn apply(&self, common: &mut NeutronListOptions) {
        common.tags = nonempty(&self.tags);
        common.tags_any = nonempty(&self.any_tags);
        common.not_tags = nonempty(&self.not_tags);
        common.not_tags_any = nonempty(&self.not_any_tags);
    }
}

/// The tags of an API body, as neutron sent them.
pub fn tags_of<T: Serialize>(item: &T) -> Vec<String> {
    match to_map(item).remove("tags") {
        Some(Value::Array(tags)) => tags.into_iter().filter_map(|t| t.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// Replace the tags of `id` (sorted, as osc sends them) when they change from `current`;
/// returns the new ones.
async fn replace<R: Taggable>(
    api: &Api<R>,
    id: &str,
    current: &[String],
    wanted: BTreeSet<String>,
) -> Result<Option<Vec<String>>, CliError> {
    let before: BTreeSet<String> = current.iter().cloned().collect();
    if before == wanted {
        return Ok(None);
    }
    let tags: Vec<&str> = wanted.iter().map(String::as_str).collect();
    api.replace_tags(id, &tags).await?;
    Ok(Some(wanted.into_iter().collect()))
}

impl CreateTags {
    /// Tag what was just made (`update_tags_for_set`); the created body shows the new tags.
    pub async fn apply<R: Taggable>(
        &self,
        api: &Api<R>,
        id: &str,
        raw: &mut Map<String, Value>,
    ) -> Result<(), CliError> {
        let current: Vec<String> = match raw.get("tags") {
            Some(Value::Array(tags)) => tags.iter().filter_map(|t| t.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        };
        let mut wanted: BTreeSet<String> =
            if self.no_tag { BTreeSet::new() } else { current.iter().cloned().collect() };
        wanted.extend(self.tags.iter().cloned());
        if let Some(tags) = replace(api, id, &current, wanted).await? {
            raw.insert("tags".into(), Value::from(tags));
        }
        Ok(())
    }
}

impl SetTags {
    /// Add (or, with `--no-tag`, replace) the tags of `item`.
    pub async fn apply<R: Taggable + Serialize>(&self, api: &Api<R>, item: &R) -> Result<(), CliError> {
        let current = tags_of(item);
        let mut wanted: BTreeSet<String> =
            if self.no_tag { BTreeSet::new() } else { current.iter().cloned().collect() };
        wanted.extend(self.tags.iter().cloned());
        replace(api, item.id(), &current, wanted).await.map(drop)
    }
}

impl UnsetTags {
    /// Remove some or all tags of `item`.
    pub async fn apply<R: Taggable + Serialize>(&self, api: &Api<R>, item: &R) -> Result<(), CliError> {
        let current = tags_of(item);
        let mut wanted: BTreeSet<String> =
            if self.all_tag { BTreeSet::new() } else { current.iter().cloned().collect() };
        for tag in &self.tags {
            wanted.remove(tag);
        }
        replace(api, item.id(), &current, wanted).await.map(drop)
    }
}
