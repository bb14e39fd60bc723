//! An early `return Err(Box::new(e))` coerces to `Box<dyn Error>` (tokio's attribute rejects it).
// (Same body as ui-tests/type-errors/cases/g-early-return-boxed-error.rs.)
#[mainspring::main]
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let n: u32 = match "42".parse() {
        Ok(n) => n,
        Err(e) => return Err(Box::new(e)),
    };
    println!("{n}");
    Ok(())
}

fn main() {
    run().expect("\"42\" parses");
}
