fn my_builder() -> u32 {
    4
}

#[mainspring::main(builder = my_builder)]
async fn main() {}
