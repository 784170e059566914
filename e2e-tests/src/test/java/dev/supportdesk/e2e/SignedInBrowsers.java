package dev.supportdesk.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browsers of one test class, one per user, each opened and signed in on first use and all closed together,
 * so that a class's scenarios share their sign-ins (a browser start and a sign-in cost seconds on a 2-core machine).
 */
final class SignedInBrowsers implements AutoCloseable {

    private final String url;
    private final Map<String, Browser> byUser = new LinkedHashMap<>();

    SignedInBrowsers(String url) {
        this.url = url;
    }

    /** The browser signed in as {@code user}; opened and signed in the first time. */
    Browser of(String user) {
        Browser browser = byUser.get(user);
        if (browser == null) {
            browser = Browser.open(url);
            try {
                browser.signIn(user);
            } catch (RuntimeException | AssertionError e) {
                browser.close();
                throw e;
            }
            byUser.put(user, browser);
        }
        return browser;
    }

    @Override
    public void close() {
        byUser.values().forEach(Browser::close);
        byUser.clear();
    }
}
