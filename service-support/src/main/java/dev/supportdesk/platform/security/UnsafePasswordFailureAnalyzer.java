package dev.supportdesk.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused directory into Spring Boot's start-up report: what is wrong, with whom, and what to do. */
class UnsafePasswordFailureAnalyzer extends AbstractFailureAnalyzer<UnsafePasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafePasswordException cause) {
        return new FailureAnalysis(
                "The user directory (support.directory) holds passwords this profile does not accept:\n  - "
                        + String.join("\n  - ", cause.problems()),
                "Store every password as a bcrypt hash of cost " + PasswordPolicy.MIN_BCRYPT_COST + " or more, e.g. "
                        + "password: \"{bcrypt}$2a$12$...\" in the users file (SUPPORT_USERS_FILE); docs/deployment.md "
                        + "shows how to make one. Plain-text demo users need the demo profile.",
                cause);
    }
}
