/**
 * The handshake suite's programs: {@code openssl s_time} as the client that makes full
 * mTLS handshakes (and the reading of its output), and a bare JDK TLS server
 * ({@code SSLServerSocket}) requiring client certificates, the JDK's floor next to Tomcat
 * and nginx.
 */
package dev.mesh.bench.handshake;
