//! `?` on an `Option` in a fn returning `Option` compiles, as in a plain fn.
// (Same body as ui-tests/type-errors/cases/d-question-mark-on-option.rs.)
#[mainspring::main]
async fn run() -> Option<u32> {
    let numbers = [40_u32, 2];
    let first = numbers.first()?;
    Some(first + 2)
}

fn main() {
    assert_eq!(run(), Some(42));
}
