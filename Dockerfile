# citebot: build the fat jar with Maven, run it on a JRE as a non-root user.
#   docker build -t citebot .
#   docker run -e DISCORD_TOKEN=... -v citebot-data:/app/data citebot    # the Discord bot
#   docker run -it --rm citebot run                                      # the console, to try it
# Base images are pinned to exact versions: a rebuild gets the same Maven and JRE until these
# lines are changed on purpose.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
# Only the main sources (.dockerignore keeps tests out): seeds and config are not part of the jar,
# so editing a seed or the config never rebuilds it.
COPY src ./src
RUN mvn -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17.0.13_11-jre
RUN groupadd --system citebot && useradd --system --gid citebot --home-dir /app --shell /usr/sbin/nologin citebot
WORKDIR /app
# The application, corpus and config belong to root and are only readable by the citebot user;
# only /app/data is its own.
COPY --from=build /build/target/citebot.jar /app/citebot.jar
COPY seeds /app/seeds
COPY config /app/config
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
# The bot; without DISCORD_TOKEN it stops at once with exit 2 and says how to try the console.
CMD ["run", "--discord"]
