# Runwire as a container image: built with Maven, run on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY routes routes
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 runwire
WORKDIR /app
COPY --from=build /src/target/runwire-*.jar /app/runwire.jar
USER runwire
EXPOSE 8080
# Sized for a 2-core, 1 GiB container: the heap a share of the container's memory (the rest is metaspace, code cache,
# thread stacks and direct buffers); a JVM out of heap exits, so the orchestrator restarts it, instead of limping on.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/runwire.jar"]
