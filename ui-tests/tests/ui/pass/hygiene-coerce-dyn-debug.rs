//! `&dyn Debug` and `&dyn Display` from a `&'static str`, driven by the declared type.
use std::fmt::{Debug, Display};

#[mainspring::main(flavor = "current_thread")]
async fn describe() -> &'static dyn Debug {
    tokio::task::yield_now().await;
    &"a str"
}

#[mainspring::main(flavor = "current_thread")]
async fn label(long: bool) -> &'static dyn Display {
    if long {
        return &"a long label";
    }
    &42
}

fn main() {
    assert_eq!(format!("{:?}", describe()), r#""a str""#);
    assert_eq!(label(true).to_string(), "a long label");
    assert_eq!(label(false).to_string(), "42");
}
