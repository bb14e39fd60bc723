#[mainspring::main(rng_seed = 42u32)]
async fn main() {}
