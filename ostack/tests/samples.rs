//! Every response sample of the official API references for our resources deserializes into our
//! types, and no field of a sample is lost (typed or kept in `extra`).
//!
//! Reads `../shared/api-samples` beside the project (or `OSTACK_API_SAMPLES`); skips with a
//! message when the folder is absent.

use ostack::compute::v2::{Flavor, Keypair, Server};
use ostack::image::v2::Image;
use ostack::network::v2::{Network, Port, Subnet};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn samples_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("OSTACK_API_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-samples"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIP: API samples not found at {} (set OSTACK_API_SAMPLES)", dir.display());
        None
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn is_response(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.contains("-resp") || name.contains("response")
}

fn is_timestamp(v: &Value) -> bool {
    v.as_str().is_some_and(|s| ostack::lenient::parse_timestamp(s).is_some())
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Every key of `sample` is in `ours` with the same value (timestamps compared as instants,
/// "" / null / [] / {} as "absent").
fn assert_kept(sample: &Value, ours: &Value, at: &str, file: &Path) {
    match (sample, ours) {
        (Value::Object(s), Value::Object(o)) => {
            for (key, value) in s {
                let Some(mine) = o.get(key) else {
                    // an explicit `null` may come back absent (optional fields are skipped when empty)
                    if value.is_null() {
                        continue;
                    }
                    panic!("{}: field `{at}.{key}` was lost", file.display());
                };
                assert_kept(value, mine, &format!("{at}.{key}"), file);
            }
        }
        (Value::Array(s), Value::Array(o)) => {
            assert_eq!(s.len(), o.len(), "{}: `{at}` length", file.display());
            for (i, (a, b)) in s.iter().zip(o).enumerate() {
                assert_kept(a, b, &format!("{at}[{i}]"), file);
            }
        }
        (a, b) if is_timestamp(a) && is_timestamp(b) => {
            let pa = ostack::lenient::parse_timestamp(a.as_str().unwrap());
            let pb = ostack::lenient::parse_timestamp(b.as_str().unwrap());
            assert_eq!(pa, pb, "{}: `{at}` timestamp", file.display());
        }
        (a, b) if is_empty(a) && is_empty(b) => {}
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64(), "{}: `{at}`", file.display()),
        (Value::String(a), Value::Number(b)) => {
            assert_eq!(a.parse::<f64>().ok(), b.as_f64(), "{}: `{at}`", file.display())
        }
        (a, b) => assert_eq!(a, b, "{}: `{at}`", file.display()),
    }
}

fn check_one<R: DeserializeOwned + Serialize>(value: &Value, file: &Path) {
    let parsed: R = serde_json::from_value(value.clone()).unwrap_or_else(|e| {
        panic!("{}: does not deserialize into {}: {e}", file.display(), std::any::type_name::<R>())
    });
    let back = serde_json::to_value(&parsed).unwrap();
    assert_kept(value, &back, "", file);
}

/// Check every response sample under `dirs` whose top-level key is `single` or `plural`.
/// Returns how many resources were checked.
fn check<R: DeserializeOwned + Serialize>(
    root: &Path,
    dirs: &[&str],
    single: &str,
    plural: &str,
    item_key: Option<&str>,
) -> usize {
    let mut files = Vec::new();
    for d in dirs {
        json_files(&root.join(d), &mut files);
    }
    let mut checked = 0;
    for file in files.iter().filter(|f| is_response(f)) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        if let Some(one) = doc.get(single).filter(|v| v.is_object()) {
            check_one::<R>(one, file);
            checked += 1;
        }
        if let Some(Value::Array(list)) = doc.get(plural) {
            for item in list {
                let item = match item_key {
                    Some(k) => item.get(k).unwrap_or_else(|| panic!("{}: list item without '{k}'", file.display())),
                    None => item,
                };
                check_one::<R>(item, file);
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn compute_samples() {
    let Some(root) = samples_dir() else { return };
    let servers = check::<Server>(
        &root,
        &["compute/servers", "compute/servers-sort", "compute/os-multiple-create"],
        "server",
        "servers",
        None,
    );
    let flavors = check::<Flavor>(&root, &["compute/flavors", "compute/flavor-manage"], "flavor", "flavors", None);
    let keypairs = check::<Keypair>(&root, &["compute/os-keypairs"], "keypair", "keypairs", Some("keypair"));
    assert!(servers >= 40, "only {servers} server samples checked");
    assert!(flavors >= 15, "only {flavors} flavor samples checked");
    assert!(keypairs >= 10, "only {keypairs} keypair samples checked");
}

#[test]
fn network_samples() {
    let Some(root) = samples_dir() else { return };
    let networks = check::<Network>(&root, &["network/networks"], "network", "networks", None);
    let subnets = check::<Subnet>(&root, &["network/subnets"], "subnet", "subnets", None);
    let ports = check::<Port>(&root, &["network/ports"], "port", "ports", None);
    assert!(networks >= 8 && subnets >= 4 && ports >= 5, "{networks} {subnets} {ports}");
}

#[test]
fn image_samples() {
    let Some(root) = samples_dir() else { return };
    let mut checked = check::<Image>(&root, &["image"], "-", "images", None);
    let mut files = Vec::new();
    json_files(&root.join("image"), &mut files);
    for file in files.iter().filter(|f| is_response(f)) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        if doc.get("schema").and_then(Value::as_str) == Some("/v2/schemas/image") {
            check_one::<Image>(&doc, file);
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} image samples checked");
}
