//! `#![no_implicit_prelude]` in a module: free, generic and `self` fns annotated there.
mod bare {
    #![no_implicit_prelude]

    pub(crate) struct Meter(pub(crate) u32);

    pub(crate) trait Read {
        fn read(self) -> u32;
    }

    impl Read for Meter {
        // A method: expanded as an `async` block, which must not need the prelude either.
        #[::mainspring::main(flavor = "current_thread")]
        async fn read(self) -> u32 {
            ::tokio::task::yield_now().await;
            self.0
        }
    }

    #[::mainspring::main(flavor = "current_thread", start_paused = true)]
    pub(crate) async fn paused() -> ::std::time::Duration {
        let start = ::tokio::time::Instant::now();
        ::tokio::time::sleep(::std::time::Duration::from_millis(50)).await;
        start.elapsed()
    }

    #[::mainspring::main(flavor = "current_thread")]
    pub(crate) async fn largest<T, const N: usize>(items: [T; N]) -> ::std::option::Option<T>
    where
        T: ::std::cmp::Ord + ::std::marker::Copy,
    {
        ::std::iter::Iterator::max(::std::iter::IntoIterator::into_iter(items))
    }

    #[::mainspring::main]
    pub(crate) async fn parse(
        text: &str,
    ) -> ::std::result::Result<u32, ::std::boxed::Box<dyn ::std::error::Error>> {
        let n: u32 = text.parse()?;
        ::std::result::Result::Ok(n)
    }
}

use bare::Read;

fn main() {
    assert_eq!(bare::Meter(3).read(), 3);
    assert!(bare::paused() >= std::time::Duration::from_millis(50));
    assert_eq!(bare::largest([3, 9, 4]), Some(9));
    assert_eq!(bare::parse("12").ok(), Some(12));
    assert!(bare::parse("twelve").is_err());
}
