package dev.supportdesk.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one public origin: serves the browser's pages and streams every /api call to the service that
 * owns it. It authenticates nobody; each backend checks the caller's own credentials.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EdgeApplication {

    public static void main(String[] args) {
        // Tomcat drops idle keep-alive connections after 20 s; the JDK client would keep them for 20 min
        // and could send a command down a connection the backend is just closing (a needless 502).
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "15");
        }
        SpringApplication.run(EdgeApplication.class, args);
    }
}
