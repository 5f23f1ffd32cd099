/**
 * Policy sync in the app: the control service's policy watch stream, the snapshots it
 * pushes applied as a property source with ACK or NACK, and their cache on local disk.
 */
package dev.mesh.sync;
