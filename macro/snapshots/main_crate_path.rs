fn main() {
    let _ = (my::reexport::__private::options::crate_,);
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
