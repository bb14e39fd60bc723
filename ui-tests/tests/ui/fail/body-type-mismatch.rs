// A body whose type does not match the declared return type: the error is rustc's own, on
// the body, exactly as for a plain `fn` (no error at the attribute, no "async block").
#[mainspring::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    42
}
