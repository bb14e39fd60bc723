#[mainspring::main(rng_seed = "42")]
async fn main() {}
