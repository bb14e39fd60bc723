#[mainspring::test(rng_seed = 42)]
async fn seeded() {}

fn main() {}
