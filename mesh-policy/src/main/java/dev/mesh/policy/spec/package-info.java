/**
 * The policy schema: JavaBeans bound from {@code mesh.*} properties, by the starter from
 * an application's configuration and pushed snapshots, and by the control service to
 * validate documents exactly as an application will.
 */
package dev.mesh.policy.spec;
