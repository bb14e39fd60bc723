// `return 1; ;`: rustc accepts this in a plain fn and only warns about the stray `;`; so does the
// attribute. The lint is denied here so that the case fails and its .stderr records that the
// only diagnostic is that warning, on the user's `;`.
// (Same body as ui-tests/type-errors/cases/f-return-then-semicolon.rs.)
#![deny(redundant_semicolons)]

#[mainspring::main]
async fn run() -> i32 {
    return 1; ;
}

fn main() {
    let _ = run();
}
