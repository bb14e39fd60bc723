// What a user gets without the attribute: rustc rejects `async fn main` (E0752).
// The error in its .stderr is the reason `#[mainspring::main]` exists.
async fn main() {}
