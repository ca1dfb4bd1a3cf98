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
ENTRYPOINT ["java", "-jar", "/app/runwire.jar"]
