//! Two of everything, one per client: `openstack` runs on its own resources what `ostack` runs
//! on its own. Placeholders in the arguments become each one's values, and each one's values in
//! the output become the placeholders again, so the outputs compare as they are.

use super::compare::{run_raw_as, setup, strip, Ran};
use serde_json::Value;

/// Placeholder and value pairs of each client, on a cloud of the devcloud's clouds.yaml.
pub struct Twins {
    /// `ostack`'s values.
    pub ours: Vec<(&'static str, String)>,
    /// `openstack`'s values.
    pub theirs: Vec<(&'static str, String)>,
    /// The cloud both run on (`devcloud` unless changed).
    pub cloud: &'static str,
}

impl Twins {
    /// Twins with these values on the admin cloud.
    pub fn new(ours: Vec<(&'static str, String)>, theirs: Vec<(&'static str, String)>) -> Self {
        Twins { ours, theirs, cloud: "devcloud" }
    }

    /// The same twins on another cloud (`devcloud-demo`).
    pub fn on(&self, cloud: &'static str) -> Self {
        Twins { ours: self.ours.clone(), theirs: self.theirs.clone(), cloud }
    }

    fn args(values: &[(&'static str, String)], args: &[&str]) -> Vec<String> {
        args.iter()
            .map(|a| values.iter().fold(a.to_string(), |text, (token, value)| text.replace(token, value)))
            .collect()
    }

    fn back(values: &[(&'static str, String)], text: &str) -> String {
        // longest values first, so a value inside another (a name and its `images/<name>`) stays whole
        let mut sorted: Vec<&(&'static str, String)> = values.iter().collect();
        sorted.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        sorted.iter().fold(text.to_string(), |text, (token, value)| text.replace(value.as_str(), token))
    }

    /// `ostack`'s value of a placeholder.
    pub fn our(&self, token: &str) -> String {
        self.ours.iter().find(|(t, _)| *t == token).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Both clients' (exit code, stdout, stderr), at once, placeholders put back.
    pub fn run(&self, args: &[&str]) -> (Ran, Ran) {
        let (ostack, openstack) = setup().expect("checked by the caller");
        let (mine, yours) = (Self::args(&self.ours, args), Self::args(&self.theirs, args));
        let mine: Vec<&str> = mine.iter().map(String::as_str).collect();
        let yours: Vec<&str> = yours.iter().map(String::as_str).collect();
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| run_raw_as(self.cloud, &ostack, &mine));
            let b = run_raw_as(self.cloud, &openstack, &yours);
            (a.join().expect("the ostack thread"), b)
        });
        let norm = |values, (code, out, err): Ran| (code, Self::back(values, &out), Self::back(values, &err));
        (norm(&self.ours, a), norm(&self.theirs, b))
    }

    /// The same exit code, output and error from both; the output.
    pub fn same(&self, args: &[&str]) -> String {
        let (a, b) = self.run(args);
        assert_eq!(a, b, "ostack vs openstack for {args:?}");
        a.1
    }

    /// The same, and a success; the output.
    pub fn ok(&self, args: &[&str]) -> String {
        let (a, b) = self.run(args);
        assert_eq!(a, b, "ostack vs openstack for {args:?}");
        assert_eq!(a.0, 0, "{args:?} failed: {}", a.2);
        a.1
    }

    /// The same failure's last line (a Python traceback or a log line may come before it).
    pub fn same_error(&self, args: &[&str]) {
        let (a, b) = self.run(args);
        assert!(a.0 != 0 && a.0 == b.0, "{args:?} should fail alike: {a:?} {b:?}");
        let last = |text: &str| text.trim_end().lines().last().unwrap_or_default().to_string();
        assert_eq!(last(&a.2), last(&b.2), "ostack vs openstack for {args:?}");
    }

    /// A usage error that python's argument parser reports (exit code 2, the usage, then
    /// `openstack <command>: error: <message>`) and `ostack` only once it has asked the cloud:
    /// both fail with the same message.
    pub fn usage_error(&self, args: &[&str]) {
        let (a, b) = self.run(args);
        assert!(a.0 != 0 && b.0 == 2, "{args:?} should fail: {a:?} {b:?}");
        let theirs = b.2.lines().last().unwrap_or_default();
        let message = theirs.split_once(": error: ").map_or(theirs, |(_, m)| m);
        assert_eq!(a.2.trim_end(), message, "ostack vs openstack for {args:?}");
    }

    /// Both clients' `-f json`, successful, the same once `ignore` keys are removed; ours.
    pub fn json(&self, args: &[&str], ignore: &[&str]) -> Value {
        let args = [args, &["-f", "json"]].concat();
        let (a, b) = self.run(&args);
        assert_eq!(a.0, 0, "ostack {args:?} failed: {}", a.2);
        assert_eq!(b.0, 0, "openstack {args:?} failed: {}", b.2);
        let mut ours: Value = serde_json::from_str(&a.1).expect("ostack printed JSON");
        let mut theirs: Value = serde_json::from_str(&b.1).expect("openstack printed JSON");
        strip(&mut ours, ignore);
        strip(&mut theirs, ignore);
        assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
        ours
    }
}
