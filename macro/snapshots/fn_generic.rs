fn make<T: Default, const N: usize>() -> [T; N]
where
    T: Copy,
{
    async fn make<T: Default, const N: usize>() -> [T; N]
    where
        T: Copy,
    {
        [T::default(); N]
    }
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread().enable_all().build(),
        make::<T, N>(),
    )
}
