fn main() {
    async fn main() {
        println!("hello");
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        main(),
    )
}
