//! `#![no_implicit_prelude]` at the crate root: the expansion names nothing from the prelude.
#![no_implicit_prelude]

#[::mainspring::main(flavor = "current_thread")]
async fn sum(values: ::std::vec::Vec<u32>) -> ::std::option::Option<u32> {
    ::tokio::task::yield_now().await;
    let total: u32 = ::std::iter::Iterator::sum(values.iter());
    ::std::option::Option::Some(total)
}

#[::mainspring::main(flavor = "local")]
async fn local_flavor() -> ::std::result::Result<u8, ::std::string::String> {
    let task = ::tokio::task::spawn_local(async { 5_u8 });
    task.await
        .map_err(|e| ::std::string::ToString::to_string(&e))
}

#[::mainspring::main(worker_threads = 2, name = "no-prelude")]
async fn main() {
    let handle = ::tokio::spawn(async { 6 * 7 });
    ::std::assert_eq!(handle.await.unwrap(), 42);
    ::std::assert_eq!(
        ::tokio::runtime::Handle::current().name(),
        ::std::option::Option::Some("no-prelude")
    );
    let joined = ::std::thread::spawn(|| (sum(::std::vec![1, 2, 3]), local_flavor()))
        .join()
        .unwrap();
    ::std::assert_eq!(joined.0, ::std::option::Option::Some(6));
    ::std::assert_eq!(joined.1, ::std::result::Result::Ok(5));
}
