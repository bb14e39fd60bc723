//! `?` converts into the declared error type, as in a plain fn.
use std::error::Error;

#[mainspring::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let n: u32 = "12".parse()?;
    if n > 100 {
        return Err(Box::new(std::fmt::Error));
    }
    Ok(())
}
