# The service image: build the jar first (./mvnw -DskipTests package), then `docker compose up`.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home ledger
USER ledger
WORKDIR /home/ledger
COPY ledger-api/target/ledger-api.jar /home/ledger/ledger-api.jar
# logs as one JSON object per line (Logstash layout) for the log collector; ecs for Elastic's
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash \
    JAVA_OPTS="-Xmx512m"
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /home/ledger/ledger-api.jar"]
