/// Docs.
#[allow(unused)]
fn main() {
    async fn main() {
        #![allow(unused_variables)]
        let x = 1;
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_multi_thread().enable_all().build(),
        main(),
    )
}
