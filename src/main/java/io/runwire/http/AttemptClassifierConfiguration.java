package io.runwire.http;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AttemptClassifierConfiguration {

    @Bean
    AttemptClassifier attemptClassifier(@Value("${runwire.executor.longest-retry-after:1h}") Duration longestRetryAfter) {
        return new AttemptClassifier(longestRetryAfter, Clock.systemUTC());
    }
}
