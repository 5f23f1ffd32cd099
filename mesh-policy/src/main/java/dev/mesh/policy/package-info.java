/**
 * Policy model and wire types shared by the control service, the starter and the gateway.
 */
package dev.mesh.policy;
