fn my_builder() -> tokio::runtime::Builder {
    tokio::runtime::Builder::new_current_thread()
}

#[mainspring::main(builder = my_builder, flavor = "multi_thread")]
async fn main() {}
