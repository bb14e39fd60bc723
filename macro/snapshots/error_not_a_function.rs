#[allow(dead_code)]
fn __mainspring_option_keys() {
    let _ = (::mainspring::__private::options::__key,);
}
struct NotAFunction;
::core::compile_error! {
    "`#[mainspring::main]` can only be used on an `async fn`"
}
