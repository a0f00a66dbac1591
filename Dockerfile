# citebot: build the fat jar with Maven, run it on a JRE as a non-root user.
#   docker build -t citebot .
#   docker run -e DISCORD_TOKEN=... -v citebot-data:/app/data citebot

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY seeds ./seeds
COPY config ./config
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system citebot && useradd --system --gid citebot --home-dir /app --shell /usr/sbin/nologin citebot
WORKDIR /app
COPY --from=build /build/target/citebot.jar /app/citebot.jar
COPY --chown=citebot:citebot seeds /app/seeds
COPY --chown=citebot:citebot config /app/config
RUN mkdir -p /app/data && chown citebot:citebot /app/data
# The index and the state database live here; keep them across container restarts.
VOLUME ["/app/data"]
USER citebot
# Sized for a small server: heap at 60% of the container's memory (about 300 MiB in a 512 MiB
# container), the serial collector (smallest footprint on one or two cores), and a clean exit
# rather than a limping process when memory runs out.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# The ops endpoint stays on the container's loopback, which is where the health check runs.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "/app/citebot.jar", "healthcheck"]
ENTRYPOINT ["java", "-jar", "/app/citebot.jar"]
CMD ["run"]
