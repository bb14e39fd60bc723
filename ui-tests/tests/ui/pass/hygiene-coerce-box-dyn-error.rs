//! `return Err(Box::new(e))` coerces to `Box<dyn Error>`, as in a plain fn.
//! The declared `Result<(), Box<dyn Error>>` drives the body's type, not the body.
use std::error::Error;
use std::fmt;

#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("refused")
    }
}

impl Error for Refused {}

#[mainspring::main(flavor = "current_thread")]
async fn check(n: u32) -> Result<(), Box<dyn Error>> {
    tokio::task::yield_now().await;
    if n > 10 {
        let e = Refused;
        return Err(Box::new(e));
    }
    if n == 0 {
        return Err(Box::new(fmt::Error));
    }
    Ok(())
}

#[mainspring::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let result = std::thread::spawn(|| {
        let big = check(11).map_err(|e| e.to_string());
        let zero = check(0).map_err(|e| e.to_string());
        let fine = check(1).map_err(|e| e.to_string());
        (big, zero, fine)
    })
    .join()
    .unwrap();
    assert_eq!(result.0, Err("refused".to_owned()));
    assert!(result.1.is_err());
    assert_eq!(result.2, Ok(()));
    if result.2.is_err() {
        return Err(Box::new(Refused));
    }
    Ok(())
}
