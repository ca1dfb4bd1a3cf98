package io.runwire.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The REST routes run on the servlet container's request thread, start to finish. Camel's default hands every
 * request to Spring's task executor and Spring MVC dispatches it a second time, through every filter, to write an
 * answer the route has already written: two thread switches and a second pass per request for nothing — the routes
 * block on the database either way, and Tomcat's pool is sized for that (server.tomcat.threads.max).
 */
@Configuration(proxyBeanMethods = false)
public class ApiHttpEngineConfiguration {

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

    /** Ahead of Spring MVC's own handler for futures, which would start the second (async) dispatch. */
    @Bean
    InitializingBean routesAnswerOnTheRequestThread(RequestMappingHandlerAdapter adapter) {
        return () -> {
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>();
            handlers.add(new AnsweredByTheRoute());
            handlers.addAll(adapter.getReturnValueHandlers());
            adapter.setReturnValueHandlers(handlers);
        };
    }

    /** The consumer's future is done when it returns (it ran on this thread), and the response is written. */
    static final class AnsweredByTheRoute implements HandlerMethodReturnValueHandler {

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return SpringBootPlatformHttpConsumer.class.isAssignableFrom(returnType.getContainingClass());
        }

        @Override
        public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer mavContainer,
                                      NativeWebRequest webRequest) {
            ((CompletableFuture<?>) returnValue).join();
            mavContainer.setRequestHandled(true);
        }
    }
}
