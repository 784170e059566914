package dev.supportdesk.e2e;

import dev.supportdesk.launcher.LocalPlatform;
import dev.supportdesk.launcher.Service;

/** What an end-to-end test sees of the platform: clients of the public origin, and the broker switch. */
final class SupportDesk {

    private final LocalPlatform platform;

    SupportDesk(LocalPlatform platform) {
        this.platform = platform;
    }

    /** A client signed in as one of the demo users (password = user name). */
    ApiClient as(String user) {
        return new ApiClient(platform.edgeUrl(), user, user);
    }

    ApiClient as(String user, String password) {
        return new ApiClient(platform.edgeUrl(), user, password);
    }

    ApiClient anonymous() {
        return new ApiClient(platform.edgeUrl(), null, null);
    }

    /** A backend's own address, for what only the service itself answers (its OpenAPI document). */
    String serviceUrl(Service service) {
        return platform.serviceUrl(service);
    }

    String edgeUrl() {
        return platform.edgeUrl();
    }

    void stopKafka() {
        platform.stopKafka();
    }

    void startKafka() {
        platform.startKafka();
    }

    boolean isKafkaRunning() {
        return platform.isKafkaRunning();
    }

    /** The public origin, e.g. {@code http://localhost:8080}, for clients that speak HTTP themselves. */
    /** The platform's database, for tests that check what was stored (the event store above all). */
    String jdbcUrl() {
        return platform.jdbcUrl();
    }

    String databaseUser() {
        return platform.databaseUser();
    }

    String databasePassword() {
        return platform.databasePassword();
    }
}
