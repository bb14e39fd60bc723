fn main() {
    my::reexport::__private::block_on(
        my::reexport::__private::Builder::new_multi_thread().enable_all().build(),
        async move {
            if false {
                return;
            }
            {}
        },
    )
}
