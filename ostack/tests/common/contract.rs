//! The machinery behind `resource_contract!` (tests/contract.rs): upstream API samples decoded
//! through the SDK's own readers and compared after re-serialization, wrong-typed fields, and a
//! wiremock "cloud" that records the requests each operation sends.
//!
//! Requests are checked on the wire rather than through an SDK-side "dry run": the connection
//! gets a token and the endpoints up front (`ConnectionBuilder::token` / `endpoints`), so no
//! Keystone and no discovery is involved, and what is checked is exactly what a cloud would
//! receive (method, path and query, headers, body), through the same code as real calls.

use ostack::catalog::ServiceType;
use ostack::connection::ConnectionBuilder;
use ostack::discovery::{Endpoint, COMPUTE_MAX_MICROVERSION};
use ostack::session::RetryPolicy;
use ostack::{Api, Connection, Resource, Token};
use serde::Serialize;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The token every contract connection starts with.
pub const TOKEN: &str = "contract-token";

/// `../shared/api-samples` beside the project (or `OSTACK_API_SAMPLES`); `None`, with one line
/// saying so, when it is absent.
pub fn samples_dir() -> Option<PathBuf> {
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
    if dir.is_file() {
        return out.push(dir.to_path_buf()); // a sample named by its own path
    }
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
}

fn is_response(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.contains("-resp") || name.contains("response")
}

/// One response sample holding `R`: the whole body, and the resources in it.
pub struct Sample {
    /// The file.
    pub file: PathBuf,
    /// The body as the API sends it.
    pub body: Value,
    /// A list body (`{"<plural>": [...]}`) rather than a single resource.
    pub list: bool,
    /// The resources in it, unwrapped from their keys.
    pub items: Vec<Value>,
}

/// Every response sample under `dirs` that holds `R`: a single one under `R::KEY` (or, without a
/// key, an object whose `self` link is `.../<PATH>/<id>`, as glance sends), or a list under
/// `R::PLURAL` (items unwrapped from `R::LIST_ITEM_KEY`).
pub fn samples<R: Resource>(root: &Path, dirs: &[&str]) -> Vec<Sample> {
    let mut files = Vec::new();
    for d in dirs {
        json_files(&root.join(d), &mut files);
    }
    let mut found = Vec::new();
    for file in files.into_iter().filter(|f| is_response(f)) {
        let text = std::fs::read_to_string(&file).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let single = match R::KEY {
            Some(key) => body.get(key).filter(|v| v.is_object()).cloned(),
            None => {
                let id = body.get("id").and_then(Value::as_str).unwrap_or_default();
                let link = body.get("self").and_then(Value::as_str).unwrap_or_default();
                (!id.is_empty() && link.ends_with(&format!("/{}/{id}", R::PATH))).then(|| body.clone())
            }
        };
        if let Some(item) = single {
            found.push(Sample { file: file.clone(), body: body.clone(), list: false, items: vec![item] });
        }
        if let Some(Value::Array(list)) = body.get(R::PLURAL) {
            let items = list
                .iter()
                .map(|item| match R::LIST_ITEM_KEY {
                    Some(k) => {
                        item.get(k).cloned().unwrap_or_else(|| panic!("{}: list item without '{k}'", file.display()))
                    }
                    None => item.clone(),
                })
                .collect();
            found.push(Sample { file, body, list: true, items });
        }
    }
    found
}

fn timestamp(v: &Value) -> Option<ostack::lenient::Timestamp> {
    v.as_str().and_then(ostack::lenient::parse_timestamp)
}

/// Every key of `sample` comes back in `ours` with an equal value. The only allowances: an
/// explicit `null` may come back absent, timestamps are compared as instants and numbers as
/// numbers (`1.0` = `1`). `""` must stay `""`, `[]` stay `[]`.
pub fn assert_kept(sample: &Value, ours: &Value, at: &str, file: &Path) {
    match (sample, ours) {
        (Value::Object(s), Value::Object(o)) => {
            for (key, value) in s {
                match o.get(key) {
                    Some(mine) => assert_kept(value, mine, &format!("{at}.{key}"), file),
                    None if value.is_null() => {}
                    None => panic!("{}: field `{at}.{key}` was lost (the sample has {value})", file.display()),
                }
            }
        }
        (Value::Array(s), Value::Array(o)) => {
            assert_eq!(s.len(), o.len(), "{}: `{at}` length", file.display());
            for (i, (a, b)) in s.iter().zip(o).enumerate() {
                assert_kept(a, b, &format!("{at}[{i}]"), file);
            }
        }
        (Value::String(a), Value::String(b)) if a == b => {}
        (a, b) if timestamp(a).is_some() && timestamp(b).is_some() => {
            assert_eq!(
                timestamp(a).map(|t| t.at()),
                timestamp(b).map(|t| t.at()),
                "{}: `{at}` instant",
                file.display()
            );
        }
        (Value::Number(a), Value::Number(b)) => {
            assert_eq!(a.as_f64(), b.as_f64(), "{}: `{at}` changed from {a} to {b}", file.display())
        }
        (a, b) => assert_eq!(a, b, "{}: `{at}` changed from {a} to {b}", file.display()),
    }
}

/// The sample without its pagination links, so the pager stops after it (the samples' links
/// point at `openstack.example.com`).
fn one_page<R: Resource>(body: &Value) -> Value {
    let mut body = body.clone();
    if let Value::Object(map) = &mut body {
        map.remove(&format!("{}_links", R::PLURAL));
        map.remove("next");
    }
    body
}

/// Decode every sample of `R` under `dirs` the way the SDK reads answers (`get` for a single
/// body, `list` for a list body, from a mock server), re-serialize each resource and check that
/// nothing the sample had was lost or changed. Returns how many resources were checked.
pub async fn round_trip<R: Resource + Serialize>(root: &Path, dirs: &[&str]) -> usize {
    let server = MockServer::start().await;
    let api = Api::<R>::new(connection(&server).await);
    let mut checked = 0;
    for sample in samples::<R>(root, dirs) {
        server.reset().await;
        let served = if sample.list { one_page::<R>(&sample.body) } else { sample.body.clone() };
        Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(served)).mount(&server).await;
        let decoded = if sample.list {
            api.list(&Default::default()).collect_all().await
        } else {
            api.get("sample-id").await.map(|one| vec![one])
        };
        let decoded = decoded.unwrap_or_else(|e| panic!("{}: {e}", sample.file.display()));
        assert_eq!(decoded.len(), sample.items.len(), "{}: item count", sample.file.display());
        for (item, ours) in sample.items.iter().zip(&decoded) {
            let back = serde_json::to_value(ours).unwrap();
            assert_kept(item, &back, "", &sample.file);
            checked += 1;
        }
    }
    checked
}

/// Values of every JSON type, each tried where the sample has a value of another type.
fn wrong_values() -> [Value; 8] {
    [
        json!(null),
        json!(""),
        json!("x"),
        json!(-1),
        json!(1.5e300),
        json!(true),
        json!([null, {"a": []}]),
        json!({"k": 1}),
    ]
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Paths of every value in `v` (object members and the first element of each array).
fn paths(v: &Value, at: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let mut p = at.clone();
                p.push(PathStep::Key(k.clone()));
                out.push(p.clone());
                paths(child, p, out);
            }
        }
        Value::Array(list) if !list.is_empty() => {
            let mut p = at.clone();
            p.push(PathStep::Index(0));
            out.push(p.clone());
            paths(&list[0], p, out);
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at_path<'a>(v: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// What [`wrong_types`] did.
#[derive(Debug, Default)]
pub struct Mutations {
    /// Bodies decoded.
    pub tried: usize,
    /// Of which rejected with an error.
    pub rejected: usize,
}

/// Replace every value of every distinct sample of `R` (at any depth) by values of each other
/// type: decoding (and re-encoding what decodes) must give a result, never a panic.
pub fn wrong_types<R: Resource + Serialize>(root: &Path, dirs: &[&str]) -> Mutations {
    let mut seen = std::collections::HashSet::new();
    let mut done = Mutations::default();
    let mut panics = Vec::new();
    for sample in samples::<R>(root, dirs) {
        for item in &sample.items {
            if !seen.insert(item.to_string()) {
                continue;
            }
            let mut all = Vec::new();
            paths(item, Vec::new(), &mut all);
            for path in all {
                for wrong in wrong_values() {
                    let mut body = item.clone();
                    let slot = at_path(&mut body, &path);
                    if same_type(slot, &wrong) {
                        continue;
                    }
                    *slot = wrong.clone();
                    let outcome = catch_unwind(AssertUnwindSafe(|| {
                        serde_json::from_value::<R>(body.clone()).map(|r| serde_json::to_value(&r).map(drop))
                    }));
                    done.tried += 1;
                    match outcome {
                        Ok(Ok(_)) => {}
                        Ok(Err(_)) => done.rejected += 1,
                        Err(_) => panics.push(format!("{} at {path:?} = {wrong}", sample.file.display())),
                    }
                }
            }
        }
    }
    assert!(panics.is_empty(), "{} decodes panicked:\n{}", panics.len(), panics.join("\n"));
    done
}

/// A list whose item has `"name": null` decodes (unless the name is the id, as for keypairs).
/// `item` is a sample resource. Returns false when the check does not apply.
pub async fn null_name_in_a_list<R: Resource + Serialize>(item: &Value) -> bool {
    let decoded: R = serde_json::from_value(item.clone()).expect("the sample decodes");
    if decoded.name().is_some() && decoded.name() == Some(decoded.id()) {
        return false;
    }
    // the name `find` matches is the "name" key (not, say, a floating IP's address)
    let named = decoded.name().is_some() && decoded.name() == item.get("name").and_then(Value::as_str);
    let mut nameless = item.clone();
    nameless["name"] = Value::Null;
    let wrapped = match R::LIST_ITEM_KEY {
        Some(k) => json!({ k: nameless }),
        None => nameless,
    };
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ R::PLURAL: [wrapped] })))
        .mount(&server)
        .await;
    let api = Api::<R>::new(connection(&server).await);
    let listed = api.list(&Default::default()).collect_all().await;
    let listed = listed.unwrap_or_else(|e| panic!("a {} list with \"name\": null failed: {e}", R::NAME));
    assert_eq!((listed.len(), listed[0].id()), (1, decoded.id()));
    if named {
        assert_eq!(listed[0].name().unwrap_or(""), "", "a null name reads as empty");
    }
    true
}

/// The endpoints of the mock cloud: nova at `/compute/v2.1` (microversion negotiated to the
/// highest ostack knows), neutron at `/network/v2.0`, glance at `/image/v2`, cinder at `/volume/v3` (3.71),
/// keystone at `/identity/v3`.
pub fn endpoints(base: &str) -> Vec<Endpoint> {
    let endpoint = |service, root: &str, version: &str, microversion| Endpoint {
        service,
        url: format!("{base}/{root}/{version}"),
        root: format!("{base}/{root}"),
        microversion,
        min_microversion: None,
        max_microversion: microversion,
    };
    vec![
        endpoint(ServiceType::Compute, "compute", "v2.1", Some(COMPUTE_MAX_MICROVERSION)),
        endpoint(ServiceType::Network, "network", "v2.0", None),
        endpoint(ServiceType::Image, "image", "v2", None),
        endpoint(ServiceType::BlockStorage, "volume", "v3", Some(ostack::Microversion::new(3, 71))),
        endpoint(ServiceType::Identity, "identity", "v3", None),
    ]
}

/// A connection to `server` with a token and the endpoints already known: the only requests it
/// sends are the ones a test makes.
pub async fn connection(server: &MockServer) -> Connection {
    builder(server).build().await.unwrap()
}

/// The builder of [`connection`] (for the blocking facade's tests).
pub fn builder(server: &MockServer) -> ConnectionBuilder {
    let token = Token {
        value: TOKEN.to_string().into(),
        expires_at: ostack::lenient::parse_timestamp(super::LATER),
        issued_at: None,
        catalog: Default::default(),
        user_id: Some("u1".into()),
        user_name: None,
        project_id: Some("p1".into()),
        project_name: None,
        domain_id: None,
        system_scoped: false,
        roles: Vec::new(),
    };
    Connection::builder(super::config(server))
        .token(token)
        .endpoints(endpoints(&server.uri()))
        .retry_policy(RetryPolicy { max_retries: 0, ..Default::default() })
}

/// The body a request must carry.
#[derive(Debug)]
pub enum Body {
    /// None.
    Empty,
    /// This JSON.
    Json(Value),
    /// These bytes.
    Bytes(Vec<u8>),
    /// An upstream request sample that is not there (the samples folder is absent).
    Unavailable(String),
}

impl Body {
    /// The JSON of an upstream request sample (a path under the samples folder).
    pub fn sample(file: &str) -> Body {
        let Some(root) = samples_dir() else { return Body::Unavailable(file.to_string()) };
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Body::Json(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
    }
}

/// A mock cloud answering every request with one body that decodes as `R` whatever was asked:
/// `{"<key>": item, "<plural>": [item], "id": "ID", "name": "ID"}` (glance: the item itself plus
/// the list). It records the requests for [`Recorder::expect`].
pub struct Recorder {
    /// The mock server.
    pub server: MockServer,
    /// A connection to it.
    pub conn: Connection,
    seen: usize,
}

impl Recorder {
    /// Start the mock cloud for `R`.
    pub async fn start<R: Resource>() -> Self {
        let item = json!({"id": "ID", "name": "ID"});
        let mut body = item.clone();
        if let Some(key) = R::KEY {
            body[key] = item.clone();
        }
        let list_item = match R::LIST_ITEM_KEY {
            Some(k) => json!({ k: item }),
            None => item,
        };
        body[R::PLURAL] = json!([list_item]);
        let server = MockServer::start().await;
        Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
        let conn = connection(&server).await;
        Recorder { server, conn, seen: 0 }
    }

    /// The request sent since the last check was exactly one, with this method, this path and
    /// query relative to `R`'s endpoint, this JSON body (or none) and content type, the token and,
    /// where the service has one, the microversion header.
    pub async fn expect<R: Resource>(
        &mut self,
        what: &str,
        method: &str,
        path: &str,
        body: Body,
        content_type: Option<&str>,
    ) {
        let requests = self.server.received_requests().await.unwrap_or_default();
        let new = &requests[self.seen..];
        self.seen = requests.len();
        assert_eq!(new.len(), 1, "{} {what}: expected one request, got {new:?}", R::NAME);
        let request = &new[0];
        let endpoint = endpoints(&self.server.uri()).into_iter().find(|e| e.service == R::SERVICE).unwrap();
        let prefix = format!("{}/", url::Url::parse(&endpoint.url).unwrap().path());
        let relative = request
            .url
            .path()
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{} {what}: {} is not under the endpoint {prefix}", R::NAME, request.url));
        let relative = match request.url.query() {
            Some(q) => format!("{relative}?{q}"),
            None => relative.to_string(),
        };
        assert_eq!((request.method.as_str(), relative.as_str()), (method, path), "{} {what}", R::NAME);
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        assert_eq!(header("x-auth-token").as_deref(), Some(TOKEN), "{} {what}: token", R::NAME);
        if let Some(v) = endpoint.microversion {
            let expected = R::MAX_MICROVERSION.map_or(v, |max| v.min(max));
            let sent = header("openstack-api-version").unwrap_or_default();
            assert!(sent.ends_with(&format!(" {expected}")), "{} {what}: microversion header '{sent}'", R::NAME);
        }
        let ct = header("content-type").unwrap_or_default();
        match body {
            Body::Empty => assert!(request.body.is_empty(), "{} {what}: unexpected body", R::NAME),
            Body::Json(expected) => {
                let sent: Value = serde_json::from_slice(&request.body)
                    .unwrap_or_else(|e| panic!("{} {what}: body is not JSON ({e})", R::NAME));
                assert_eq!(sent, expected, "{} {what}: body", R::NAME);
                assert_eq!(ct, content_type.unwrap_or("application/json"), "{} {what}: content type", R::NAME);
            }
            Body::Bytes(expected) => {
                assert_eq!(request.body, expected, "{} {what}: body", R::NAME);
                assert_eq!(Some(ct.as_str()), content_type, "{} {what}: content type", R::NAME);
            }
            Body::Unavailable(file) => eprintln!("{} {what}: body not checked ({file} absent)", R::NAME),
        }
    }
}

/// One contract declaration per resource (see the module docs of `tests/contract.rs`): samples
/// round-trip, wrong-typed fields never panic, a `null` name does not fail a list, and each
/// operation sends the request the API expects. Used by every `tests/contract*.rs` file.
#[macro_export]
macro_rules! resource_contract {
    (@call list $api:ident ($query:expr)) => { $api.list(&$query).collect_all().await.map(drop) };
    (@call get $api:ident ($id:expr)) => { $api.get($id).await.map(drop) };
    (@call create $api:ident ($body:expr)) => { $api.create(&$body).await.map(drop) };
    (@call update $api:ident ($id:expr, $body:expr)) => { $api.update($id, &$body).await.map(drop) };
    (@call delete $api:ident ($id:expr)) => { $api.delete($id).await };
    (@call action $api:ident ($a:ident => $call:expr)) => {{
        let $a = &$api;
        $call.await.map(drop)
    }};
    (@body _) => { $crate::common::contract::Body::Empty };
    (@body (bytes $data:literal)) => { $crate::common::contract::Body::Bytes($data.as_bytes().to_vec()) };
    (@body { $($json:tt)* }) => { $crate::common::contract::Body::Json(::serde_json::json!({ $($json)* })) };
    (@body [ $($json:tt)* ]) => { $crate::common::contract::Body::Json(::serde_json::json!([ $($json)* ])) };
    (@body $sample:literal) => { $crate::common::contract::Body::sample($sample) };
    (@content_type) => { None };
    (@content_type $ct:literal) => { Some($ct) };
    ($name:ident: $R:ident, no samples
        $(, $op:ident ( $($arg:tt)* ) => $method:ident $path:literal $body:tt $(as $ct:literal)?)* $(,)?) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn requests() {
                let mut cloud = $crate::common::contract::Recorder::start::<$R>().await;
                let api = ::ostack::Api::<$R>::new(cloud.conn.clone());
                $(
                    let what = concat!(stringify!($op), "(", stringify!($($arg)*), ")");
                    let outcome: ostack::Result<()> = $crate::resource_contract!(@call $op api ($($arg)*));
                    outcome.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let body = $crate::resource_contract!(@body $body);
                    let content_type = $crate::resource_contract!(@content_type $($ct)?);
                    cloud.expect::<$R>(what, stringify!($method), $path, body, content_type).await;
                )*
            }
        }
    };
    ($name:ident: $R:ident, samples [$($dir:literal),+] at least $min:literal
        $(, $op:ident ( $($arg:tt)* ) => $method:ident $path:literal $body:tt $(as $ct:literal)?)* $(,)?) => {
        mod $name {
            use super::*;

            const DIRS: &[&str] = &[$($dir),+];

            #[tokio::test]
            async fn samples_round_trip() {
                let Some(root) = $crate::common::contract::samples_dir() else { return };
                let checked = $crate::common::contract::round_trip::<$R>(&root, DIRS).await;
                assert!(checked >= $min, "only {checked} {} samples checked in {DIRS:?}", stringify!($R));
                eprintln!("{}: {checked} sample resources round-tripped", stringify!($R));
            }

            #[test]
            fn wrong_types_never_panic() {
                let Some(root) = $crate::common::contract::samples_dir() else { return };
                let done = $crate::common::contract::wrong_types::<$R>(&root, DIRS);
                assert!(done.tried > 0 && done.rejected > 0, "{done:?}");
                eprintln!("{}: {} wrong-typed bodies, {} rejected, none panicked", stringify!($R), done.tried, done.rejected);
            }

            #[tokio::test]
            async fn null_name_does_not_fail_a_list() {
                let Some(root) = $crate::common::contract::samples_dir() else { return };
                let samples = $crate::common::contract::samples::<$R>(&root, DIRS);
                let item = samples.iter().flat_map(|s| &s.items).next().expect("a sample");
                if !$crate::common::contract::null_name_in_a_list::<$R>(item).await {
                    eprintln!("{}: the name is the id; a null one rightly fails", stringify!($R));
                }
            }

            #[tokio::test]
            async fn requests() {
                let mut cloud = $crate::common::contract::Recorder::start::<$R>().await;
                let api = ::ostack::Api::<$R>::new(cloud.conn.clone());
                $(
                    let what = concat!(stringify!($op), "(", stringify!($($arg)*), ")");
                    let outcome: ostack::Result<()> = $crate::resource_contract!(@call $op api ($($arg)*));
                    outcome.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let body = $crate::resource_contract!(@body $body);
                    let content_type = $crate::resource_contract!(@content_type $($ct)?);
                    cloud.expect::<$R>(what, stringify!($method), $path, body, content_type).await;
                )*
            }
        }
    };
}
