#[mainspring::main(rng_seed = -1)]
async fn main() {}
