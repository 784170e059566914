package dev.supportdesk.platform.axon;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The layout of Axon's token table as every service's Flyway migration creates it ({@code token_entry}
 * with snake_case columns), so that each JDBC token store reads the table its migration made.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@ConditionalOnClass(TokenSchema.class)
public class TokenTableConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
