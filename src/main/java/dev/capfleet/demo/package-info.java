/**
 * The demo fleet: one embedded Apache MINA SSHD server with a host key per loopback address, whose
 * hosts answer the probe with recorded outputs of real systems ({@code
 * src/main/resources/dev/capfleet/demo}, with their provenance). {@code capfleet demo} scans it
 * through the same SSH path as a real scan; tests use it for fast fan-out, timeout and scale
 * checks. It never stands in for the real-sshd tests.
 *
 * <p>Imports: Apache MINA SSHD (server side) and core (verdicts, the binary-path rule, host text);
 * nothing of probe, scan, report or cli.
 */
package dev.capfleet.demo;
