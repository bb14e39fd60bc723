#![deny(unreachable_pub)]

mod jobs {
    // `pub` in a private module: `unreachable_pub` must fire, at the user's `pub`.
    #[mainspring::main(flavor = "current_thread")]
    pub async fn run() {}
}

fn main() {
    jobs::run();
}
