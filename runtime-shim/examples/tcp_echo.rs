//! A TCP echo server and its client in one program, over loopback: bind to
//! port 0, serve in a spawned task, and talk to it line by line.
//!
//! Run with `cargo run -p mainspring --example tcp_echo`.

use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

#[mainspring::main]
async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    println!("echo server listening on {addr}");

    // Serve one connection: copy everything read straight back.
    let server = tokio::spawn(async move {
        let (mut socket, peer) = listener.accept().await?;
        println!("server: accepted {peer}");
        let (mut reader, mut writer) = socket.split();
        tokio::io::copy(&mut reader, &mut writer).await
    });

    let client = async {
        let stream = TcpStream::connect(addr).await?;
        let (reader, mut writer) = stream.into_split();
        let mut lines = BufReader::new(reader).lines();
        for msg in ["hello", "echo", "goodbye"] {
            writer.write_all(format!("{msg}\n").as_bytes()).await?;
            let echoed = lines.next_line().await?.expect("server closed early");
            println!("client: sent {msg:?}, got {echoed:?}");
            assert_eq!(echoed, msg);
        }
        writer.shutdown().await // EOF lets the server's copy finish
    };
    tokio::time::timeout(Duration::from_secs(5), client)
        .await
        .expect("client timed out")?;

    let copied = server.await.expect("server task does not panic")?;
    println!("server echoed {copied} bytes and exited");
    Ok(())
}
