// (g) An early `return Err(Box::new(e))` in a fn returning `Result<(), Box<dyn Error>>`: valid.
fn run() -> Result<(), Box<dyn std::error::Error>> {
    let n: u32 = match "42".parse() {
        Ok(n) => n,
        Err(e) => return Err(Box::new(e)),
    };
    println!("{n}");
    Ok(())
}
