package dev.supportdesk.platform.web;

import java.io.IOException;

/** Raised while a request body is read, as soon as it passes the limit; answered with 413. */
class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
