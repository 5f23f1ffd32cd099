/**
 * Gateway routes from {@code GatewayRoute} policies and the gateway's own
 * {@code mesh.gateway.routes}, compiled into Spring Cloud Gateway routes and swapped in
 * live, beside the standard Spring Cloud Gateway routes, which are kept free of
 * expressions.
 */
package dev.mesh.gateway.route;
