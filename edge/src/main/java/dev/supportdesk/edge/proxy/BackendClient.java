package dev.supportdesk.edge.proxy;

import dev.supportdesk.edge.routing.Backend;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Calls one service, whichever of its instances answers. Requests are spread over the instances in
 * turn (round-robin); when an instance refuses the connection or does not accept it in time, nothing
 * of the request has left the edge, so the same request goes to the next instance, POSTs included.
 * Any other failure (a reset after sending, a timeout waiting for the answer) is not retried: the
 * backend may have acted on the request.
 */
public final class BackendClient {

    private final HttpClient client;
    private final Map<Backend, List<URI>> instances;
    private final Map<Backend, AtomicInteger> turn = new EnumMap<>(Backend.class);
    private final Duration responseTimeout;
    private final Duration streamResponseTimeout;

    BackendClient(HttpClient client, EdgeProperties properties) {
        this.client = client;
        this.instances = properties.backends();
        this.responseTimeout = properties.responseTimeout();
        this.streamResponseTimeout = properties.streamResponseTimeout();
        for (Backend backend : Backend.values()) {
            turn.put(backend, new AtomicInteger());
        }
    }

    /** How long a plain call may wait for its answer's headers. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    Duration streamResponseTimeout() {
        return streamResponseTimeout;
    }

    /** Every instance of every backend, for recognising their addresses in answers. */
    Collection<URI> allInstances() {
        return instances.values().stream().flatMap(List::stream).toList();
    }

    /** The backend's instances, starting with the one whose turn it is. */
    List<URI> inTurn(Backend backend) {
        List<URI> all = instances.get(backend);
        int start = Math.floorMod(turn.get(backend).getAndIncrement(), all.size());
        List<URI> ordered = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            ordered.add(all.get((start + i) % all.size()));
        }
        return ordered;
    }

    /**
     * Sends the request to the backend, trying the next instance while they refuse the connection.
     *
     * @param request    builds the request for one instance's base URL
     * @param replayable whether the request may still be sent again (a streamed body that was already
     *                   read from the client cannot be)
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            Backend backend,
            Function<URI, HttpRequest> request,
            HttpResponse.BodyHandler<T> handler,
            BooleanSupplier replayable) {
        return attempt(inTurn(backend), 0, request, handler, replayable);
    }

    /** {@link #sendAsync} for a caller that waits; throws what the JDK client's {@code send} would. */
    public <T> HttpResponse<T> send(
            Backend backend,
            Function<URI, HttpRequest> request,
            HttpResponse.BodyHandler<T> handler,
            BooleanSupplier replayable)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> answer = sendAsync(backend, request, handler, replayable);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (CancellationException e) {
            throw new IOException("cancelled", e);
        }
    }

    private <T> CompletableFuture<HttpResponse<T>> attempt(
            List<URI> candidates,
            int index,
            Function<URI, HttpRequest> request,
            HttpResponse.BodyHandler<T> handler,
            BooleanSupplier replayable) {
        return client.sendAsync(request.apply(candidates.get(index)), handler).exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (index + 1 < candidates.size() && nothingSent(cause) && replayable.getAsBoolean()) {
                return attempt(candidates, index + 1, request, handler, replayable);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** A refused or unaccepted connection: the request never left the edge. */
    static boolean nothingSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
