// `resource_contract!`, shared by the contract test files through `include!` (the same macro as
// tests/contract.rs declares for itself; see that file for what it checks and its syntax).

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
    (@body _) => { Body::Empty };
    (@body (bytes $data:literal)) => { Body::Bytes($data.as_bytes().to_vec()) };
    (@body { $($json:tt)* }) => { Body::Json(json!({ $($json)* })) };
    (@body [ $($json:tt)* ]) => { Body::Json(json!([ $($json)* ])) };
    (@body $sample:literal) => { Body::sample($sample) };
    (@content_type) => { None };
    (@content_type $ct:literal) => { Some($ct) };
    ($name:ident: $R:ident, samples [$($dir:literal),+] at least $min:literal
        $(, $op:ident ( $($arg:tt)* ) => $method:ident $path:literal $body:tt $(as $ct:literal)?)* $(,)?) => {
        mod $name {
            use super::*;

            const DIRS: &[&str] = &[$($dir),+];

            #[tokio::test]
            async fn samples_round_trip() {
                let Some(root) = contract::samples_dir() else { return };
                let checked = contract::round_trip::<$R>(&root, DIRS).await;
                assert!(checked >= $min, "only {checked} {} samples checked in {DIRS:?}", stringify!($R));
                eprintln!("{}: {checked} sample resources round-tripped", stringify!($R));
            }

            #[test]
            fn wrong_types_never_panic() {
                let Some(root) = contract::samples_dir() else { return };
                let done = contract::wrong_types::<$R>(&root, DIRS);
                assert!(done.tried > 0 && done.rejected > 0, "{done:?}");
                eprintln!("{}: {} wrong-typed bodies, {} rejected, none panicked", stringify!($R), done.tried, done.rejected);
            }

            #[tokio::test]
            async fn null_name_does_not_fail_a_list() {
                let Some(root) = contract::samples_dir() else { return };
                let samples = contract::samples::<$R>(&root, DIRS);
                let item = samples.iter().flat_map(|s| &s.items).next().expect("a sample");
                if !contract::null_name_in_a_list::<$R>(item).await {
                    eprintln!("{}: the name is the id; a null one rightly fails", stringify!($R));
                }
            }

            #[tokio::test]
            async fn requests() {
                let mut cloud = contract::Recorder::start::<$R>().await;
                let api = Api::<$R>::new(cloud.conn.clone());
                $(
                    let what = concat!(stringify!($op), "(", stringify!($($arg)*), ")");
                    let outcome: ostack::Result<()> = resource_contract!(@call $op api ($($arg)*));
                    outcome.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let body = resource_contract!(@body $body);
                    let content_type = resource_contract!(@content_type $($ct)?);
                    cloud.expect::<$R>(what, stringify!($method), $path, body, content_type).await;
                )*
            }
        }
    };
}
