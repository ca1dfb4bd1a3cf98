# Runwire as a container image: built with Maven, run on a JRE as a user that owns nothing.
#   docker build -t runwire .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
# the README's build command; the tests run outside the image (mvn -B verify)
RUN mvn -B package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 runwire
WORKDIR /app
COPY --from=build /src/target/runwire-*.jar /app/runwire.jar
USER runwire
EXPOSE 8080
# Sized for a 2-core, 1 GiB container: the heap a share of the container's memory (the rest is metaspace, code cache,
# thread stacks and direct buffers); a JVM out of heap exits, so the orchestrator restarts it, instead of limping on.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
# healthy = ready: Camel and every route started (/actuator/health/readiness); bash's /dev/tcp, as the JRE image has
# no curl. The first start migrates the schema, hence the start period.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/runwire.jar"]
