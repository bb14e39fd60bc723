//! `programs/blocking_reader.rs`, whose blocking task ends as soon as the runtime's tasks are
//! dropped, under `shutdown_timeout = "3s"` on each flavor and with `builder`, and without the
//! option: every one exits at once, none waits for the limit.
//! Usage: `shutdown_order <variant>`.

#[mainspring::main(flavor = "current_thread", shutdown_timeout = "3s")]
async fn current_thread() {
    include!("../programs/blocking_reader.rs")
}

#[mainspring::main(flavor = "multi_thread", shutdown_timeout = "3s")]
async fn multi_thread() {
    include!("../programs/blocking_reader.rs")
}

#[mainspring::main(flavor = "local", shutdown_timeout = "3s")]
async fn local() {
    include!("../programs/blocking_reader.rs")
}

fn current_thread_builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_current_thread();
    builder.enable_all();
    builder
}

#[mainspring::main(builder = current_thread_builder, shutdown_timeout = "3s")]
async fn builder_current_thread() {
    include!("../programs/blocking_reader.rs")
}

fn multi_thread_builder() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    builder
}

#[mainspring::main(builder = multi_thread_builder, shutdown_timeout = "3s")]
async fn builder_multi_thread() {
    include!("../programs/blocking_reader.rs")
}

#[mainspring::main(flavor = "current_thread")]
async fn without_the_option() {
    include!("../programs/blocking_reader.rs")
}

fn main() {
    let variant = std::env::args().nth(1).unwrap_or_default();
    match variant.as_str() {
        "current_thread" => current_thread(),
        "multi_thread" => multi_thread(),
        "local" => local(),
        "builder_current_thread" => builder_current_thread(),
        "builder_multi_thread" => builder_multi_thread(),
        "without_the_option" => without_the_option(),
        other => panic!("unknown variant {other:?}"),
    }
}
