struct NotAFunction;
::core::compile_error! {
    "`#[mainspring::main]` can only be used on an `async fn`"
}
