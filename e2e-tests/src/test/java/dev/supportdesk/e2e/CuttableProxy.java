package dev.supportdesk.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between one browser and the edge, so that a test can take the network away from that
 * browser alone: {@link #cut()} closes every connection through it and refuses new ones (its port is not
 * listened on), {@link #restore()} listens on the same port again. The shared platform keeps running for
 * every other test.
 */
final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private int port;
    private ServerSocket listener;

    private CuttableProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
    }

    /** A proxy to {@code target} (an {@code http://host:port} origin) on a free port of 127.0.0.1. */
    static CuttableProxy to(String target) {
        URI uri = URI.create(target);
        CuttableProxy proxy = new CuttableProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
        proxy.listen(0);
        return proxy;
    }

    /** The origin the browser uses instead of the edge's. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The connection is gone: open exchanges (the event stream too) end, new ones are refused. */
    synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    /** The connection is back, on the same port. */
    synchronized void restore() {
        if (listener == null) {
            listen(port);
        }
    }

    private synchronized void listen(int wanted) {
        try {
            ServerSocket server = new ServerSocket();
            // The port was ours a moment ago; connections that ended then may linger in TIME_WAIT.
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
            port = server.getLocalPort();
            listener = server;
            daemon("proxy-accept-" + port, () -> accept(server)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // cut
            }
            try {
                Socket backend = new Socket();
                backend.connect(upstream, 5000);
                open.add(client);
                open.add(backend);
                if (server.isClosed()) {
                    // cut while this one was being connected
                    closeQuietly(client);
                    closeQuietly(backend);
                    continue;
                }
                daemon("proxy-up-" + port, () -> pump(client, backend)).start();
                daemon("proxy-down-" + port, () -> pump(backend, client)).start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; the other is closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
