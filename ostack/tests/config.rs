//! Config sources and their precedence, as openstacksdk reads them.

use ostack::config::{AuthType, ConfigLoader};
use ostack::Error;
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

struct Fixture {
    _dirs: Vec<tempfile::TempDir>,
    loader: ConfigLoader,
    /// A readable file to name as `cacert`, outside the search directories.
    cacert: PathBuf,
}

impl Fixture {
    /// Two search directories (like cwd and ~/.config/openstack), a third for other files,
    /// and an empty environment.
    fn new() -> Self {
        let dirs = vec![tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let loader = ConfigLoader {
            search_dirs: dirs[..2].iter().map(|d| d.path().to_path_buf()).collect(),
            env: HashMap::new(),
        };
        let cacert = dirs[2].path().join("ca.pem");
        std::fs::write(&cacert, "-----BEGIN CERTIFICATE-----\n").unwrap();
        Fixture { _dirs: dirs, loader, cacert }
    }
    /// [`CLOUDS`] with its `cacert` pointing at a file that exists.
    fn clouds(&self) -> String {
        CLOUDS.replace(CACERT, self.cacert.to_str().unwrap())
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

/// Replaced by a real file's path in [`Fixture::clouds`].
const CACERT: &str = "/etc/ssl/ca.pem";

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
    let file = f.write(1, "clouds.yaml", &f.clouds());
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
    assert_eq!(c.cacert.as_deref(), Some(f.cacert.as_path()));
    assert!(c.verify);
    assert_eq!(c.source_file.as_deref(), Some(file.as_path()));
    // token auth is inferred from a token without a password
    let other = f.loader.load(Some("other")).unwrap();
    assert_eq!(other.auth_type, AuthType::Token);
}

#[test]
fn os_cloud_selects_and_the_first_directory_wins() {
    let f = Fixture::new().env("OS_CLOUD", "dev");
    f.write(0, "clouds.yml", &f.clouds().replace("from-file", "from-cwd"));
    f.write(1, "clouds.yaml", &f.clouds());
    let c = f.loader.load(None).unwrap();
    assert_eq!(c.auth.password.unwrap().expose_secret(), "from-cwd");
}

#[test]
fn os_client_config_file_wins_over_search_path() {
    let f = Fixture::new().env("OS_CLOUD", "dev");
    f.write(0, "clouds.yaml", &f.clouds());
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("my.yaml");
    std::fs::write(&path, f.clouds().replace("from-file", "from-env-file")).unwrap();
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
    // with verification off the CA bundle is ignored (as openstacksdk does), so it need not exist
    assert_eq!(c.cacert, None);
    assert_eq!(c.key_path("cacert"), "OS_CACERT");
    assert_eq!(c.key_path("auth.auth_url"), "OS_AUTH_URL");
    let cacert = f.cacert.to_str().unwrap().to_string();
    let f = f.env("OS_INSECURE", "").env("OS_CACERT", &cacert);
    assert_eq!(f.loader.load(None).unwrap().cacert.as_deref(), Some(Path::new(&cacert)));
}

#[test]
fn environment_overrides_the_file() {
    let f = Fixture::new().env("OS_CLOUD", "dev").env("OS_PASSWORD", "from-env").env("OS_REGION_NAME", "RegionTwo");
    f.write(0, "clouds.yaml", &f.clouds());
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
    // an unknown region is named where it was set: the environment, or the file
    let f = f.env("OS_REGION_NAME", "C");
    let err = f.loader.load(Some("r")).unwrap_err();
    assert!(err.to_string().contains("region 'C'") && err.to_string().contains("OS_REGION_NAME"), "{err}");
    let f = f.env("OS_REGION_NAME", "");
    f.write(0, "clouds.yaml", "clouds:\n  r:\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n    region_name: C\n    regions: [A, B]\n");
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
        "clouds:\n  dev:\n    verify: maybe\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n",
        "clouds:\n  dev:\n    interface: sideways\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n",
        "clouds:\n  dev:\n    auth_type: kerberos\n    auth: {auth_url: 'http://k'}\n",
        "clouds:\n  dev:\n    regions: 5\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n",
        "clouds:\n  dev:\n    api_timeout: [1]\n    auth: {auth_url: 'http://k', user_id: u, password: p}\n",
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

/// A password cloud `dev` with `extra` lines added at the cloud's level.
fn dev_cloud(extra: &str) -> String {
    format!("clouds:\n  dev:\n    auth:\n      auth_url: http://k/v3\n      user_id: u\n      password: p\n{extra}")
}

#[test]
fn tls_files_are_checked_when_the_cloud_is_loaded() {
    let f = Fixture::new();
    let missing = f.dir(1).join("missing.pem");
    let missing_str = missing.to_str().unwrap();
    let cert = f.cacert.to_str().unwrap();
    let path = f.write(0, "clouds.yaml", &dev_cloud(&format!("    cacert: {missing_str}\n")));
    let (file, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(file.as_deref(), Some(path.as_path()));
    assert_eq!(key.as_deref(), Some("clouds.dev.cacert"));
    assert!(message.contains(missing_str) && message.contains("No such file"), "{message}");

    f.write(0, "clouds.yaml", &dev_cloud(&format!("    cert: {missing_str}\n")));
    let (_, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.dev.cert"));
    f.write(0, "clouds.yaml", &dev_cloud(&format!("    cert: {cert}\n    key: {missing_str}\n")));
    let (_, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.dev.key"));
    // a directory is not a CA bundle
    f.write(0, "clouds.yaml", &dev_cloud(&format!("    cacert: {}\n", f.dir(1).display())));
    let (_, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.dev.cacert"));
    assert!(message.contains("directory"), "{message}");
    // `~` is the home directory, as in openstacksdk
    f.write(0, "clouds.yaml", &dev_cloud("    cacert: ~/ostack-test-no-such-ca.pem\n"));
    let (_, _, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert!(!message.contains('~') && message.contains("/ostack-test-no-such-ca.pem"), "{message}");

    // the files that exist load, and the helper names keys as errors do
    f.write(0, "clouds.yaml", &dev_cloud(&format!("    cacert: {cert}\n    cert: {cert}\n    key: {cert}\n")));
    let c = f.loader.load(Some("dev")).unwrap();
    assert_eq!(c.cert.as_deref(), Some(f.cacert.as_path()));
    assert_eq!(c.key_path("cacert"), "clouds.dev.cacert");
    assert_eq!(c.key_path("auth.auth_url"), "clouds.dev.auth.auth_url");
    assert_eq!(c.key_file("cacert").as_deref(), Some(path.as_path()));
    let (file, key, _) = config_error(c.config_error("cacert", "not a PEM bundle"));
    assert_eq!((file.as_deref(), key.as_deref()), (Some(path.as_path()), Some("clouds.dev.cacert")));

    // a value from the environment is named by its variable, with no file
    let f = f.env("OS_CACERT", missing_str);
    let (file, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_CACERT")));
    let f = f.env("OS_AUTH_URL", "http://k/v3").env("OS_USER_ID", "u").env("OS_PASSWORD", "p");
    let (file, key, _) = config_error(f.loader.load(None).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_CACERT")));
}

#[test]
fn api_versions_are_checked_when_the_cloud_is_loaded() {
    let f = Fixture::new();
    for bad in ["2.abc", "abc", "2.", ".5", "2.1.3", "v", "-2", "+2", "2.-1", "99999999999.1", "2,1", "[2]"] {
        let path = f.write(0, "clouds.yaml", &dev_cloud(&format!("    compute_api_version: '{bad}'\n")));
        let (file, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
        assert_eq!(file.as_deref(), Some(path.as_path()), "{bad}");
        assert_eq!(key.as_deref(), Some("clouds.dev.compute_api_version"), "{bad}");
        assert!(message.contains(bad) && message.contains("2.79"), "{message}");
    }
    f.write(0, "clouds.yaml", &dev_cloud("    block_storage_api_version: 3.x\n"));
    let (_, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.dev.block_storage_api_version"));
    for (good, stored) in
        [("2", "2"), ("'2.79'", "2.79"), ("2.79", "2.79"), ("v2", "v2"), ("latest", "latest"), ("LATEST", "latest")]
            .into_iter()
            .chain([("2.latest", "latest"), ("' 2.1 '", "2.1")])
    {
        f.write(0, "clouds.yaml", &dev_cloud(&format!("    compute_api_version: {good}\n")));
        assert_eq!(f.loader.load(Some("dev")).unwrap().api_version("compute"), Some(stored), "{good}");
    }
    let f = f.env("OS_COMPUTE_API_VERSION", "2.abc");
    let (file, key, _) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_COMPUTE_API_VERSION")));
}

#[test]
fn urls_are_checked_when_the_cloud_is_loaded() {
    let f = Fixture::new();
    for bad in ["not a url", "http//x", "ftp://x/v3", "http://", "/v3", "keystone:5000", "https://u:hunter2@"] {
        let text = dev_cloud("").replace("http://k/v3", &format!("'{bad}'"));
        let path = f.write(0, "clouds.yaml", &text);
        let (file, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
        assert_eq!(file.as_deref(), Some(path.as_path()), "{bad}");
        assert_eq!(key.as_deref(), Some("clouds.dev.auth.auth_url"), "{bad}");
        assert!(!message.contains("hunter2"), "a password in the URL is not repeated: {message}");
    }
    // endpoint overrides too: a relative one would be joined to nothing later
    f.write(0, "clouds.yaml", &dev_cloud("    compute_endpoint_override: v2.1\n"));
    let (_, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
    assert_eq!(key.as_deref(), Some("clouds.dev.compute_endpoint_override"));
    assert!(message.contains("'v2.1' is not a URL"), "{message}");
    // https, ports, paths and project-id templates are fine
    f.write(
        0,
        "clouds.yaml",
        &dev_cloud("    compute_endpoint_override: 'https://nova.example:8774/v2.1/%(project_id)s'\n")
            .replace("http://k/v3", "https://[::1]:5000"),
    );
    f.loader.load(Some("dev")).unwrap();
    let f = Fixture::new().env("OS_AUTH_URL", "http//127.0.0.1:5000").env("OS_TOKEN", "t");
    let (file, key, _) = config_error(f.loader.load(None).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_AUTH_URL")));
}

#[test]
fn a_config_file_variable_naming_no_file_is_an_error() {
    let f = Fixture::new().env("OS_CLOUD", "dev");
    f.write(0, "clouds.yaml", &f.clouds());
    let gone = f.dir(1).join("gone.yaml");
    let f = f.env("OS_CLIENT_CONFIG_FILE", gone.to_str().unwrap());
    let (file, key, message) = config_error(f.loader.load(None).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_CLIENT_CONFIG_FILE")));
    assert!(message.contains(gone.to_str().unwrap()) && message.contains("No such file"), "{message}");
    // a directory is not a clouds.yaml either
    let dir = f.dir(1).to_str().unwrap().to_string();
    let f = f.env("OS_CLIENT_CONFIG_FILE", &dir);
    let err = f.loader.load(None).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");

    // OS_CLIENT_SECURE_FILE alike
    let f = f.env("OS_CLIENT_CONFIG_FILE", "").env("OS_CLIENT_SECURE_FILE", gone.to_str().unwrap());
    let (_, key, _) = config_error(f.loader.load(None).unwrap_err());
    assert_eq!(key.as_deref(), Some("OS_CLIENT_SECURE_FILE"));
    let secure = f.write(1, "elsewhere.yaml", "clouds:\n  dev:\n    auth:\n      password: from-secure-env\n");
    let f = f.env("OS_CLIENT_SECURE_FILE", secure.to_str().unwrap());
    assert_eq!(f.loader.load(None).unwrap().auth.password.unwrap().expose_secret(), "from-secure-env");
}

#[test]
fn api_timeout_from_files_and_environment() {
    let f = Fixture::new();
    let path = f.write(0, "clouds.yaml", &dev_cloud("    api_timeout: 30\n"));
    assert_eq!(f.loader.load(Some("dev")).unwrap().api_timeout, Some(Duration::from_secs(30)));
    f.write(0, "clouds.yaml", &dev_cloud("    api_timeout: 2.5\n"));
    assert_eq!(f.loader.load(Some("dev")).unwrap().api_timeout, Some(Duration::from_millis(2500)));
    f.write(0, "clouds.yaml", &dev_cloud(""));
    assert_eq!(f.loader.load(Some("dev")).unwrap().api_timeout, None);
    // secure.yaml, then OS_API_TIMEOUT, override clouds.yaml
    f.write(0, "clouds.yaml", &dev_cloud("    api_timeout: 30\n"));
    f.write(1, "secure.yaml", "clouds:\n  dev:\n    api_timeout: '45'\n");
    assert_eq!(f.loader.load(Some("dev")).unwrap().api_timeout, Some(Duration::from_secs(45)));
    let f = f.env("OS_API_TIMEOUT", "7.25");
    assert_eq!(f.loader.load(Some("dev")).unwrap().api_timeout, Some(Duration::from_millis(7250)));
    let f = f.env("OS_API_TIMEOUT", "");
    std::fs::remove_file(f.dir(1).join("secure.yaml")).unwrap();

    // (YAML's .nan and .inf have no JSON form: they read as null, that is, not set)
    for bad in ["0", "-1", "abc", "'nan'", "'inf'", "1e300", "'1e-300'", "true", "{a: 1}"] {
        f.write(0, "clouds.yaml", &dev_cloud(&format!("    api_timeout: {bad}\n")));
        let (file, key, message) = config_error(f.loader.load(Some("dev")).unwrap_err());
        assert_eq!(file.as_deref(), Some(path.as_path()), "{bad}");
        assert_eq!(key.as_deref(), Some("clouds.dev.api_timeout"), "{bad}");
        assert!(message.contains("seconds"), "{message}");
    }
    let f = Fixture::new().env("OS_AUTH_URL", "http://k").env("OS_TOKEN", "t").env("OS_API_TIMEOUT", "soon");
    let (file, key, _) = config_error(f.loader.load(None).unwrap_err());
    assert_eq!((file, key.as_deref()), (None, Some("OS_API_TIMEOUT")));
}
