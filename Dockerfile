# The hub's production image: built from source, run with the prod profile (real PostgreSQL, secrets from the
# environment; the prod profile refuses to start with demo credentials).
FROM eclipse-temurin:17-jdk AS build
# For Kubernetes (deploy/k8s): --build-arg MAVEN_PROFILES=-Pkubernetes adds Camel's Kubernetes cluster service.
ARG MAVEN_PROFILES=
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp $MAVEN_PROFILES dependency:go-offline
COPY src src
COPY routes routes
COPY mappings mappings
RUN ./mvnw -B -ntp -DskipTests $MAVEN_PROFILES package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/passerelle --create-home passerelle
WORKDIR /var/lib/passerelle
COPY --from=build /src/target/passerelle-hub-*.jar /opt/passerelle/passerelle.jar
USER passerelle
ENV SPRING_PROFILES_ACTIVE=prod \
    PASSERELLE_FILES_ROOT=/var/lib/passerelle/files
EXPOSE 8080 2222
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/passerelle/passerelle.jar"]
