//! `mainspring` renamed in Cargo.toml (`renamed_spring = { package = "mainspring", .. }`): the
//! `crate` option tells the expansion where to find it, as a string or as a bare path. Nothing
//! named `mainspring` is reachable in this crate, so a stray `::mainspring` would not compile.

#[renamed_spring::test(crate = "renamed_spring")]
async fn crate_as_a_string() {
    let flavor = tokio::runtime::Handle::current().runtime_flavor();
    assert_eq!(flavor, tokio::runtime::RuntimeFlavor::CurrentThread);
}

#[renamed_spring::test(crate = ::renamed_spring, flavor = "multi_thread", worker_threads = 2)]
async fn crate_as_a_bare_path() {
    assert_eq!(tokio::runtime::Handle::current().metrics().num_workers(), 2);
}

mod facade {
    pub use renamed_spring as rt;
}

#[renamed_spring::main(crate = facade::rt, flavor = "current_thread")]
async fn through_a_reexport(x: u32) -> u32 {
    tokio::task::yield_now().await;
    x * 3
}

#[test]
fn crate_through_a_reexport() {
    assert_eq!(through_a_reexport(14), 42);
}
