package io.runwire.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What this node runs under a claim: runbook executions (runbook-worker) and workflow steps (workflow-worker). */
@Configuration
public class RunningClaimsConfiguration {

    @Bean
    public RunningClaims runningExecutions() {
        return new RunningClaims("Execution");
    }

    @Bean
    public RunningClaims runningWorkflowSteps() {
        return new RunningClaims("Workflow execution");
    }
}
