package dev.supportdesk.platform.web;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO connector, except that a recycled request processor does not carry HTTP/0.9 over to the next
 * connection it serves.
 * <p>
 * Tomcat 10.1's {@link Http11Processor} keeps whether the request was HTTP/0.9 in a field that only a
 * request line parsed in full sets again; {@code recycle()} leaves it alone. Processors are pooled across
 * connections ({@code processorCache}), so after one HTTP/0.9 request the next connection that processor
 * takes gets its answer in HTTP/0.9 form too (no status line, no headers) when its request line is broken
 * and Tomcat answers 400 before it parses one. No connector setting turns HTTP/0.9 off in 10.1 (Tomcat 12
 * drops it; 10.1.50 limits it to GET), and the field is private. So each processor made here clears that
 * field every time it takes up a connection's input, as a fresh processor would hold it. That is safe
 * whatever was read before: the flag is only ever set, before any answer, once a request line has parsed in
 * full, and an HTTP/0.9 request (no headers to wait for) is answered within that same call.
 * {@code processorCache=0} would mend it too, at the price of a new processor, request and response (tens
 * of kilobytes) for every request, since a kept-alive connection returns its processor between requests.
 * <p>
 * HTTP/0.9 requests themselves are refused by {@link ProblemErrorReportValve}. A Tomcat whose processor has
 * no such field any more speaks no HTTP/0.9, and this class then only logs that it has nothing to do.
 * Public, with a public constructor: Tomcat's connector makes its protocol from the class name.
 */
public class PlatformHttp11NioProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(PlatformHttp11NioProtocol.class);

    private static final VarHandle HTTP09 = http09Flag();

    @Override
    protected Processor createProcessor() {
        return new Http11Processor(this, getAdapter()) {
            @Override
            public SocketState service(SocketWrapperBase<?> socketWrapper) throws IOException {
                if (HTTP09 != null) {
                    HTTP09.set(this, false);
                }
                return super.service(socketWrapper);
            }
        };
    }

    private static VarHandle http09Flag() {
        try {
            return MethodHandles.privateLookupIn(Http11Processor.class, MethodHandles.lookup())
                    .findVarHandle(Http11Processor.class, "http09", boolean.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Tomcat's HTTP/1.1 processor has no HTTP/0.9 flag to clear ({}); nothing to do", e.toString());
            return null;
        }
    }
}
