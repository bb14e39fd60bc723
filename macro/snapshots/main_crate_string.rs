fn main() {
    ::renamed::__private::block_on(
        ::renamed::__private::Builder::new_multi_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
