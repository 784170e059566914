package dev.supportdesk.ticket.query.whatif;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WhatIfProperties.class)
class WhatIfConfiguration {}
