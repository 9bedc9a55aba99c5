# capfleet in a container: the same jar the README builds (mvn -B -DskipTests package), on a slim JRE,
# run as a non-root user. The auditor needs no added capabilities, no privileged mode and no host mounts:
# it only opens SSH connections and writes reports.
#
#   docker build -t capfleet .
#   mkdir -p reports
#   docker run --rm --user "$(id -u):$(id -g)" \
#     -v "$PWD/inventories:/capfleet/inventories:ro" -v "$PWD/keys:/capfleet/keys:ro" \
#     -v "$PWD/reports:/capfleet/reports" capfleet scan -i inventories/prod.ini \
#     --private-key keys/audit_ed25519 --known-hosts keys/known_hosts -u audit
#
# --user runs it as you, so that your 0600 key is readable and your reports folder writable (README, Docker).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so that a source change does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 capfleet \
 && useradd --system --uid 10001 --gid capfleet --home-dir /capfleet --shell /usr/sbin/nologin capfleet \
 && mkdir -p /opt/capfleet /capfleet/inventories /capfleet/keys /capfleet/reports \
 && chown -R capfleet:capfleet /capfleet
COPY --from=build /src/target/capfleet.jar /opt/capfleet/capfleet.jar
COPY bin/capfleet /opt/capfleet/capfleet
# The launcher's class-data-sharing archive, recorded by a scan of a small embedded fleet (exit 3: some demo
# hosts are not ready), so containers start with it even on a read-only root filesystem.
ENV CAPFLEET_CDS_DIR=/opt/capfleet/cds PATH=/opt/capfleet:$PATH
RUN mkdir -p /opt/capfleet/cds && cd /tmp && { capfleet demo --hosts 20 --out /tmp/demo >/dev/null || [ $? -le 4 ]; } \
 && rm -rf /tmp/demo && ls /opt/capfleet/cds/*.jsa
COPY inventories/ /capfleet/examples/
USER capfleet:capfleet
WORKDIR /capfleet
VOLUME ["/capfleet/inventories", "/capfleet/keys", "/capfleet/reports"]
ENTRYPOINT ["/opt/capfleet/capfleet"]
CMD ["--help"]
