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
# Sized for a small server: a 512 MiB container keeps heap well under its limit.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/citebot.jar"]
CMD ["run"]
