package dev.supportdesk.e2e;

import dev.supportdesk.launcher.LocalPlatform;

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

    void stopKafka() {
        platform.stopKafka();
    }

    void startKafka() {
        platform.startKafka();
    }

    boolean isKafkaRunning() {
        return platform.isKafkaRunning();
    }
}
