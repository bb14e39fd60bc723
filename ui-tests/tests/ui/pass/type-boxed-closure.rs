//! `Box::new(|| ..)` is returned as `Box<dyn Fn()>` (tokio's attribute rejects it).
// (Same body as ui-tests/type-errors/cases/h-boxed-closure.rs.)
#[mainspring::main]
async fn run() -> Box<dyn Fn()> {
    let greeting = String::from("hello");
    Box::new(move || println!("{greeting}"))
}

fn main() {
    let greet = run();
    greet();
    greet();
}
