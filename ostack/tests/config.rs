//! Config sources and their precedence, as openstacksdk reads them.

use ostack::config::{AuthType, ConfigLoader};
use ostack::Error;
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct Fixture {
    _dirs: Vec<tempfile::TempDir>,
    loader: ConfigLoader,
}

impl Fixture {
    /// Two search directories (like cwd and ~/.config/openstack) and an empty environment.
    fn new() -> Self {
        let dirs = vec![tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let loader =
            ConfigLoader { search_dirs: dirs.iter().map(|d| d.path().to_path_buf()).collect(), env: HashMap::new() };
        Fixture { _dirs: dirs, loader }
    }
    fn dir(&self, i: usize) -> &Path {
        &self.loader.search_dirs[i]
    }
    fn write(&self, i: usize, name: &str, text: &str) -> PathBuf {
        let path = self.dir(i).join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
    fn env(mut self, key: &str, value: &str) -> Self {
        self.loader.env.insert(key.into(), value.into());
        self
    }
}

const CLOUDS: &str = r#"
clouds:
  dev:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      password: from-file
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
    compute_api_version: "2.79"
    network_endpoint_override: http://127.0.0.1:9696
    block_storage_endpoint_override: http://127.0.0.1:8776/v3
    cacert: /etc/ssl/ca.pem
  other:
    auth:
      auth_url: http://other:5000
      token: tok
"#;

#[test]
fn named_cloud_from_clouds_yaml() {
    let f = Fixture::new();
    let file = f.write(1, "clouds.yaml", CLOUDS);
    let c = f.loader.load(Some("dev")).unwrap();
    assert_eq!(c.name.as_deref(), Some("dev"));
    assert_eq!(c.auth_type, AuthType::Password);
    assert_eq!(c.auth.username.as_deref(), Some("admin"));
    assert_eq!(c.auth.password.as_ref().unwrap().expose_secret(), "from-file");
    assert_eq!(c.region_name.as_deref(), Some("RegionOne"));
    assert_eq!(c.interface, "internal");
    assert_eq!(c.api_version("compute"), Some("2.79"));
    assert_eq!(c.endpoint_override("network"), Some("http://127.0.0.1:9696"));
    assert_eq!(c.endpoint_override("block-storage"), Some("http://127.0.0.1:8776/v3"));
    assert_eq!(c.cacert.as_deref(), Some(Path::new("/etc/ssl/ca.pem")));
    assert!(c.verify);
    assert_eq!(c.source_file.as_deref(), Some(file.as_path()));
    // token auth is inferred from a token without a password
    let other = f.loader.load(Some("other")).unwrap();
    assert_eq!(other.auth_type, AuthType::Token);
}

#[test]
fn os_cloud_selects_and_the_first_directory_wins() {
    let f = Fixture::new().env("OS_CLOUD", "dev");
    f.write(0, "clouds.yml", &CLOUDS.replace("from-file", "from-cwd"));
    f.write(1, "clouds.yaml", CLOUDS);
    let c = f.loader.load(None).unwrap();
    assert_eq!(c.auth.password.unwrap().expose_secret(), "from-cwd");
}

#[test]
fn os_client_config_file_wins_over_search_path() {
    let f = Fixture::new().env("OS_CLOUD", "dev");
    f.write(0, "clouds.yaml", CLOUDS);
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("my.yaml");
    std::fs::write(&path, CLOUDS.replace("from-file", "from-env-file")).unwrap();
    let f = f.env("OS_CLIENT_CONFIG_FILE", path.to_str().unwrap());
    assert_eq!(f.loader.load(None).unwrap().auth.password.unwrap().expose_secret(), "from-env-file");
}

#[test]
fn clouds_json_is_read() {
    let f = Fixture::new();
    f.write(
        0,
        "clouds.json",
        r#"{"clouds": {"j": {"auth": {"auth_url": "http://k", "user_id": "u", "password": "p"}}}}"#,
    );
    let c = f.loader.load(Some("j")).unwrap();
    assert_eq!(c.auth.user_id.as_deref(), Some("u"));
}

#[test]
fn secure_yaml_is_merged() {
    let f = Fixture::new();
    f.write(0, "clouds.yaml", "clouds:\n  s:\n    auth:\n      auth_url: http://k\n      username: u\n");
    f.write(1, "secure.yaml", "clouds:\n  s:\n    auth:\n      password: from-secure\n");
    let c = f.loader.load(Some("s")).unwrap();
    assert_eq!(c.auth.password.unwrap().expose_secret(), "from-secure");
    assert_eq!(c.auth.username.as_deref(), Some("u"));
}

#[test]
fn profile_from_clouds_public_yaml() {
    let f = Fixture::new();
    f.write(
        0,
        "clouds.yaml",
        "clouds:\n  v:\n    profile: vendor\n    region_name: R2\n    auth:\n      username: u\n      password: p\n",
    );
    f.write(1, "clouds-public.yaml", "public-clouds:\n  vendor:\n    auth:\n      auth_url: https://vendor.example/v3\n    regions: [R1, R2]\n    image_api_version: '2'\n");
    let c = f.loader.load(Some("v")).unwrap();
    assert_eq!(c.auth.auth_url.as_deref(), Some("https://vendor.example/v3"));
    assert_eq!(c.region_name.as_deref(), Some("R2"));
    assert_eq!(c.api_version("image"), Some("2"));
    // an unknown profile names clouds-public.yaml's key
    f.write(0, "clouds.yaml", "clouds:\n  v:\n    profile: nope\n    auth: {username: u, password: p}\n");
    let err = f.loader.load(Some("v")).unwrap_err();
    assert!(err.to_string().contains("public-clouds.nope"), "{err}");
}

#[test]
fn cloud_from_environment_alone() {
    let f = Fixture::new()
        .env("OS_AUTH_URL", "http://127.0.0.1:5000/v3")
        .env("OS_USERNAME", "demo")
        .env("OS_PASSWORD", "pw")
        .env("OS_PROJECT_ID", "p1")
        .env("OS_USER_DOMAIN_ID", "default")
        .env("OS_REGION_NAME", "RegionOne")
        .env("OS_INTERFACE", "admin")
        .env("OS_INSECURE", "true")
        .env("OS_COMPUTE_API_VERSION", "2.90")
        .env("OS_CACERT", "/ca.pem");
    let c = f.loader.load(None).unwrap();
    assert_eq!(c.name, None);
    assert_eq!(c.auth.project_id.as_deref(), Some("p1"));
    assert_eq!(c.auth.user_domain_id.as_deref(), Some("default"));
    assert_eq!(c.interface, "admin");
    assert!(!c.verify);
    assert_eq!(c.api_version("compute"), Some("2.90"));
    assert_eq!(c.cacert.as_deref(), Some(Path::new("/ca.pem")));
}

#[test]
fn environment_overrides_the_file() {
    let f = Fixture::new().env("OS_CLOUD", "dev").env("OS_PASSWORD", "from-env").env("OS_REGION_NAME", "RegionTwo");
    f.write(0, "clouds.yaml", CLOUDS);
    let c = f.loader.load(None).unwrap();
    assert_eq!(c.auth.password.unwrap().expose_secret(), "from-env");
    assert_eq!(c.region_name.as_deref(), Some("RegionTwo"));
    assert_eq!(c.auth.username.as_deref(), Some("admin"), "values not in the environment stay");
}

#[test]
fn application_credential_and_system_scope_from_env() {
    let f = Fixture::new()
        .env("OS_AUTH_URL", "http://k/v3")
        .env("OS_AUTH_TYPE", "v3applicationcredential")
        .env("OS_APPLICATION_CREDENTIAL_ID", "ac")
        .env("OS_APPLICATION_CREDENTIAL_SECRET", "sec");
    let c = f.loader.load(None).unwrap();
    assert_eq!(c.auth_type, AuthType::ApplicationCredential);
    assert!(!format!("{c:?}").contains("sec\""), "the secret never shows in Debug");
    let f = Fixture::new()
        .env("OS_AUTH_URL", "http://k")
        .env("OS_USER_ID", "u")
        .env("OS_PASSWORD", "p")
        .env("OS_SYSTEM_SCOPE", "all");
    assert_eq!(f.loader.load(None).unwrap().auth.system_scope.as_deref(), Some("all"));
}

#[test]
fn regions_with_values() {
    let f = Fixture::new();
    f.write(
        0,
        "clouds.yaml",
        "clouds:\n  r:\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n    regions:\n      - name: A\n      - name: B\n        values:\n          compute_endpoint_override: http://b-compute/v2.1\n",
    );
    assert_eq!(f.loader.load(Some("r")).unwrap().region_name.as_deref(), Some("A"));
    let f = f.env("OS_REGION_NAME", "B");
    let c = f.loader.load(Some("r")).unwrap();
    assert_eq!(c.endpoint_override("compute"), Some("http://b-compute/v2.1"));
    let f = f.env("OS_REGION_NAME", "C");
    let err = f.loader.load(Some("r")).unwrap_err();
    assert!(err.to_string().contains("region 'C'") && err.to_string().contains("clouds.r.region_name"), "{err}");
}

fn config_error(err: Error) -> (Option<PathBuf>, Option<String>, String) {
    match err {
        Error::Config { file, key, message } => (file, key, message),
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn broken_yaml_names_the_file_and_line() {
    let f = Fixture::new();
    let path = f.write(0, "clouds.yaml", "clouds:\n  dev:\n    auth: [unclosed\n");
    let (file, _, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert!(message.contains("line"), "{message}");
}

#[test]
fn missing_keys_are_named() {
    let f = Fixture::new();
    let path = f.write(0, "clouds.yaml", "clouds:\n  dev:\n    auth:\n      username: u\n      password: p\n");
    let (file, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!(key.as_deref(), Some("clouds.dev.auth.auth_url"));

    f.write(0, "clouds.yaml", "clouds:\n  dev:\n    auth:\n      auth_url: http://k\n      username: u\n");
    let err = f.loader.load(Some("dev")).unwrap_err();
    assert!(err.to_string().contains("clouds.dev.auth.password"), "{err}");

    let (_, key, message) = config_error(f.loader.load(Some("nope")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.nope"));
    assert!(message.contains("dev"), "lists the clouds that exist: {message}");
}

#[test]
fn wrong_types_are_errors_not_panics() {
    let f = Fixture::new();
    for text in [
        "clouds: 3\n",
        "- a\n- b\n",
        "clouds:\n  dev: hello\n",
        "clouds:\n  dev:\n    auth: [1, 2]\n",
        "clouds:\n  dev:\n    auth: {auth_url: {a: b}}\n",
        "clouds:\n  dev:\n    verify: maybe\n    auth: {auth_url: k, user_id: u, password: p}\n",
        "clouds:\n  dev:\n    interface: sideways\n    auth: {auth_url: k, user_id: u, password: p}\n",
        "clouds:\n  dev:\n    auth_type: kerberos\n    auth: {auth_url: k}\n",
        "clouds:\n  dev:\n    regions: 5\n    auth: {auth_url: k, user_id: u, password: p}\n",
        "",
    ] {
        f.write(0, "clouds.yaml", text);
        let err = f.loader.load(Some("dev")).unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{text:?} gave {err:?}");
    }
}

#[test]
fn no_configuration_at_all_says_what_to_do() {
    let f = Fixture::new();
    let err = f.loader.load(None).unwrap_err();
    assert!(err.to_string().contains("OS_CLOUD"), "{err}");
}
