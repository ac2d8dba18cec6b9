package dev.tasker.it;

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
 * A TCP relay on the loopback interface to a database server, which a test can take down and bring back: while
 * {@link #stop() stopped} nobody listens on its port (connecting is refused) and every connection it relayed is cut,
 * as when the database server goes away; {@link #start()} listens on the same port again. Plain sockets, one virtual
 * thread per direction of each connection.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private volatile ServerSocket server;
    private int port;

    /** A proxy to {@code targetHost:targetPort}, not listening yet. */
    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** The loopback address the proxy listens on, as a host name for a URL. */
    String host() {
        return loopback.getHostAddress();
    }

    /** The port the proxy listens on (fixed by the first {@link #start()}). */
    synchronized int port() {
        return port;
    }

    /** Listens: on a free port the first time, on the same port after a {@link #stop()}. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback, port), 50);
            port = socket.getLocalPort();
            server = socket;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host() + ":" + port, e);
        }
    }

    /** Stops listening and cuts every relayed connection, in both directions. */
    synchronized void stop() {
        ServerSocket socket = server;
        server = null;
        closeQuietly(socket);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** The connections relayed now. */
    int openConnections() {
        return open.size() / 2;
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // stopped
            }
            try {
                relay(socket, client, new Socket(targetHost, targetPort));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Relays between {@code client} and {@code target} unless {@code socket} was stopped meanwhile. */
    private synchronized void relay(ServerSocket socket, Socket client, Socket target) {
        if (server != socket) {
            closeQuietly(client);
            closeQuietly(target);
            return;
        }
        open.add(client);
        open.add(target);
        Thread.ofVirtual().start(() -> relay(client, target));
        Thread.ofVirtual().start(() -> relay(target, client));
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // cut by stop(), or the other side closed: end this direction
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
