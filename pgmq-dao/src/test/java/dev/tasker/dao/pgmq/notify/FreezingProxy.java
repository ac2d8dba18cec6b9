package dev.tasker.dao.pgmq.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to the database whose open connections can be frozen: from {@link #freezeOpenConnections()} on, their
 * bytes are silently dropped in both directions while the sockets stay open, as on a dead network path. New
 * connections relay normally. For testing the listener's idle validity check.
 */
final class FreezingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    FreezingProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread.ofPlatform().daemon(true).name("freezing-proxy").start(this::accept);
    }

    /** The local port to connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** Drops all further traffic of the connections open now. */
    void freezeOpenConnections() {
        links.forEach(link -> link.frozen = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                Link link = new Link(client, target);
                links.add(link);
                Thread.ofPlatform().daemon(true).start(() -> link.relay(client, target));
                Thread.ofPlatform().daemon(true).start(() -> link.relay(target, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link link : links) {
            link.close();
        }
    }

    private static final class Link {
        private final Socket client;
        private final Socket target;
        private volatile boolean frozen;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void relay(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!frozen) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close();
            }
        }

        void close() {
            try {
                client.close();
                target.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
