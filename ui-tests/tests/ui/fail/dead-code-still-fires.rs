#![deny(dead_code)]

// Never called: `dead_code` must report it, at the user's name.
#[mainspring::main(flavor = "current_thread")]
async fn unused_helper() {}

fn main() {}
