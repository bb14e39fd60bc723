// A body whose value is not of the declared return type: one error, on the value, with rustc's
// `Ok(..)` suggestion, exactly as for a plain fn. No second error at the attribute.
// (Same body as ui-tests/type-errors/cases/a-body-type-mismatch.rs.)
#[mainspring::main]
async fn run() -> Result<u32, String> {
    let n = 40 + 2;
    n
}

fn main() {
    let _ = run();
}
