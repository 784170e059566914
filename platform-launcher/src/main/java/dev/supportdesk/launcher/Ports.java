package dev.supportdesk.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Loopback port checks, so a clash is reported by name before a child process fails obscurely. */
final class Ports {

    static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option the servers use, so a port in TIME_WAIT after a restart counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String what, String variable) {
        if (port < 1 || port > 65535) {
            throw new PlatformException(
                    "Port " + port + " for " + what + " is not a valid port (set " + variable + ").");
        }
        if (!isFree(port)) {
            throw new PlatformException("Port " + port + " on " + LOOPBACK + " (" + what + ") is already in use."
                    + " Stop whatever listens there (perhaps an earlier run: `ss -ltnp | grep :" + port + "`)"
                    + " or choose another port with " + variable + "=<port>.");
        }
    }

    /** Distinct free ports picked by the OS; a tiny race with other programs remains and is acceptable in tests. */
    static int[] freePorts(int count) {
        Set<Integer> picked = new HashSet<>();
        int[] ports = new int[count];
        int i = 0;
        while (i < count) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                int port = socket.getLocalPort();
                if (picked.add(port)) {
                    ports[i++] = port;
                }
            } catch (IOException e) {
                throw new PlatformException("Could not find a free loopback port", e);
            }
        }
        return ports;
    }
}
