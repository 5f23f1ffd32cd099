/**
 * The bench caller: a Spring MVC app that calls the bench backend once per request.
 */
package dev.mesh.bench.apps.caller;
