fn my_builder() -> tokio::runtime::Builder {
    tokio::runtime::Builder::new_current_thread()
}

#[mainspring::test(shared, builder = my_builder)]
async fn on_shared() {}

fn main() {}
