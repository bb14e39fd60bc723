#[mainspring::main(rng_seed = 18446744073709551616)]
async fn main() {}
