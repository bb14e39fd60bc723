// The body ends in a value but the fn declares no return type: one error, on the value, and
// rustc's hint to add `-> i32` after the parameters, as for a plain fn.
// (Same body as ui-tests/type-errors/cases/b-missing-return-type.rs.)
#[mainspring::main]
async fn run() {
    let n = 40;
    n + 2
}

fn main() {
    run();
}
