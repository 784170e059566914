package dev.supportdesk.ticket.query.presence;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceConfiguration {}
