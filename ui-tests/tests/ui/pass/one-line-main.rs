//! `async fn main` written on one line, under `deny(warnings)`: rustc's `unused_braces` looks at
//! one-line blocks only, so the body is spliced into the expansion without its braces.
#![deny(warnings)]

#[mainspring::main(flavor = "current_thread")] async fn main() { assert_eq!(tokio::spawn(async { 6 * 7 }).await.ok(), Some(42)) }
