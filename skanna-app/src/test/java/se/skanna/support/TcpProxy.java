package se.skanna.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between Skanna and its database that a test can cut (every connection dropped, new ones refused
 * at once, as when the server stops) or freeze (connections stay open and nothing moves, as when the server
 * hangs or the network black-holes), and restore.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode {
        UP,
        CUT,
        FROZEN
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.UP;

    public TcpProxy(String targetHost, int targetPort) {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        target = new InetSocketAddress(targetHost, targetPort);
        Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        mode = Mode.CUT;
        closeAll();
    }

    public void freeze() {
        mode = Mode.FROZEN;
    }

    public void restore() {
        Mode was = mode;
        mode = Mode.UP;
        if (was == Mode.FROZEN) {
            closeAll(); // what was frozen mid-conversation is beyond saving, as after a real network partition
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.CUT) {
                    client.close();
                    continue;
                }
                open.add(client);
                Thread.ofPlatform().daemon().start(() -> connect(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket server = new Socket();
            open.add(server);
            server.connect(target, 2000);
            Thread.ofPlatform().daemon().start(() -> pump(client, server));
            pump(server, client);
        } catch (IOException e) {
            close(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (mode == Mode.FROZEN && !from.isClosed()) {
                    Thread.sleep(20);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side or the test closed the connection
        } finally {
            close(from);
            close(to);
        }
    }

    private void closeAll() {
        open.forEach(TcpProxy::close);
        open.clear();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closeAll();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
