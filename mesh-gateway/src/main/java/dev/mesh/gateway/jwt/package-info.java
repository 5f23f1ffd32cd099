/**
 * JWT validation at the gateway's edge with Spring Security's reactive resource server
 * (JWK Set or issuer), and the validated claims that route matches and sticky keys read.
 */
package dev.mesh.gateway.jwt;
