// `?` in a fn that returns `()`: one error, at the `?`, saying the function (not an async block)
// must return `Result` or `Option`, with the label on the user's fn rather than the attribute.
// (Same body as ui-tests/type-errors/cases/e-question-mark-in-unit-fn.rs.)
#[mainspring::main]
async fn run() {
    let n: u32 = "42".parse()?;
    println!("{n}");
}

fn main() {
    run();
}
