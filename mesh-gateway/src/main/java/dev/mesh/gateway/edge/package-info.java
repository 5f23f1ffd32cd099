/**
 * The gateway's edge: client addresses behind trusted proxies only, identity headers
 * stripped from outside requests, request size limits and per-client rate limits with
 * local token buckets, optionally shared across gateway instances in Redis.
 */
package dev.mesh.gateway.edge;
