// A `;` after the tail expression of a fn that returns a value: one error, with rustc's hint to
// remove that semicolon. As for any `async fn`, rustc underlines the body rather than the
// return type. (Same body as ui-tests/type-errors/cases/c-extra-semicolon.rs.)
#[mainspring::main]
async fn run() -> u32 {
    let n = 40;
    n + 2;
}

fn main() {
    let _ = run();
}
